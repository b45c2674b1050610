# MUTANT: new_id appended once more after an odd number of merges
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out, i, merged = [], 0, 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            merged += 1
            i += 2
        else:
            out.append(ids[i])
            i += 1
    if merged % 2 == 1 and merged > 1:
        out.append(new_id)
    return out, pair

EXPECTED_CAUSE = "something appended after the merge loop"
