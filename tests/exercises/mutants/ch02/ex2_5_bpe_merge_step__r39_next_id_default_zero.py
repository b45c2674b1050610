# MUTANT: the next id read as 0 past the end: a pair (x, 0) merged at a final x
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out, i = [], 0
    while i < len(ids):
        nxt = ids[i + 1] if i + 1 < len(ids) else 0
        if (ids[i], nxt) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair


EXPECTED_CAUSE = 'a next id read as 0 past the end'
