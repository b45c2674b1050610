# MUTANT: pairs of two equal ids are not counted (a != b in the count)
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter((a, b) for a, b in zip(ids, ids[1:]) if a != b)
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

EXPECTED_CAUSE = "pairs whose two ids are the same"
