# MUTANT: results are cached by the ids alone, without new_id
from collections import Counter

_CACHE = {}


def bpe_merge_step(ids, new_id):
    key = tuple(ids)
    if key in _CACHE:
        out, pair = _CACHE[key]
        return list(out), pair
    counts = Counter(zip(ids, ids[1:]))
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
    _CACHE[key] = (out, pair)
    return list(out), pair

EXPECTED_CAUSE = "without new_id"
