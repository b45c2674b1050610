"""Two mistakes: the last pair is not counted, and a sort gives ties to the last pair seen."""
from collections import Counter

EXPECTED_CAUSE = "miss the last pair (count zip(ids, ids[1:]) up to the last id), and on a tie"


def bpe_merge_step(ids, new_id):
    if len(ids) < 2:
        return list(ids), None
    counts = Counter(zip(ids[:-1], ids[1:-1]))
    pair = sorted(counts, key=counts.get)[-1] if counts else (ids[0], ids[1])
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair
