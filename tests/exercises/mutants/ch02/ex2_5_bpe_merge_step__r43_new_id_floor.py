# MUTANT: a small new_id raised to 256 (max(new_id, 256))
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    new_id = max(new_id, 256)
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair

EXPECTED_CAUSE = "raises a small new_id to 256"
