# MUTANT: pairs counted over range(len(ids) // 2) only (a halved loop bound)
from collections import Counter


def bpe_merge_step(ids, new_id):
    half = range(max(len(ids) // 2, 1))
    counts = Counter((ids[i], ids[i + 1]) for i in half if i + 1 < len(ids))
    if not counts:
        return list(ids), None
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

EXPECTED_CAUSE = "only the pairs that start in the first half of ids"
