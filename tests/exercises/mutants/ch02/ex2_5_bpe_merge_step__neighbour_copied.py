# MUTANT: the id after a merged pair is written twice (out.append(ids[i + 2]) in the merge branch,
# and the loop copies it again)
from collections import Counter

EXPECTED_CAUSE = 'was written twice or added'


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            if i + 2 < len(ids):
                out.append(ids[i + 2])
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair
