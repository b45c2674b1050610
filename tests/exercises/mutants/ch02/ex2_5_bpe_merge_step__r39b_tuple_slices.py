# MUTANT: new ids built from slices of the input, so a tuple of ids gives a tuple back
from collections import Counter


def bpe_merge_step(ids, new_id):
    if len(ids) < 2:
        return ids[:], None
    counts = Counter(zip(ids, ids[1:]))
    pair = max(counts, key=counts.__getitem__)
    out, i = ids[:0], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out = out + type(ids)([new_id])
            i += 2
        else:
            out = out + ids[i : i + 1]
            i += 1
    return out, pair

EXPECTED_CAUSE = "take the type of the input"
