# MUTANT: pairs counted as (ids[i], ids[i+2]) (zip with ids[2:]) instead of adjacent pairs
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[2:]))
    if len(ids) < 2:
        return list(ids), None
    if not counts:
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


EXPECTED_CAUSE = 'ids two apart'
