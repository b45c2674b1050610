# Correct: each id compared with the last output id (new_id is never an id of ids)
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out = []
    for x in ids:
        if out and (out[-1], x) == pair:
            out[-1] = new_id
        else:
            out.append(x)
    return out, pair
