# MUTANT: the new ids built with out.insert(0, ...), so they come out reversed
from collections import Counter

EXPECTED_CAUSE = 'right ones in reverse order'


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.insert(0, new_id)
            i += 2
        else:
            out.insert(0, ids[i])
            i += 1
    return out, pair
