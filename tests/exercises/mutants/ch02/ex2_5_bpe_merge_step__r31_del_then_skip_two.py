# MUTANT: merging on a copy with del, the index moves on by 2 after a merge although the list
#   shrank: a back-to-back occurrence is missed
from collections import Counter

EXPECTED_CAUSE = 'del already shrank the list'


def bpe_merge_step(ids, new_id):
    new_ids = list(ids)
    if len(new_ids) < 2:
        return new_ids, None
    counts = Counter(zip(ids, ids[1:]))
    pair = max(counts, key=counts.get)
    i = 0
    while i < len(new_ids) - 1:
        if (new_ids[i], new_ids[i + 1]) == pair:
            new_ids[i] = new_id
            del new_ids[i + 1]
            i += 2
        else:
            i += 1
    return new_ids, pair
