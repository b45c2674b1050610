# MUTANT: pairs holding an id >= 256 are not counted (only byte pairs)
from collections import Counter

EXPECTED_CAUSE = "pairs that hold an id above 255 were left out of your counts"


def bpe_merge_step(ids, new_id):
    counts = Counter(p for p in zip(ids, ids[1:]) if max(p) < 256)
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
