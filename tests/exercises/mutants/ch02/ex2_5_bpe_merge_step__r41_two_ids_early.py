# MUTANT: an early return for len(ids) <= 2: two ids are returned unmerged with no pair
from collections import Counter


def bpe_merge_step(ids, new_id):
    if len(ids) <= 2:
        return list(ids), None
    counts = Counter(zip(ids, ids[1:]))
    pair = max(counts, key=counts.__getitem__)
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair

EXPECTED_CAUSE = "early return also takes two ids"
