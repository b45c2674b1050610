# MUTANT: the pair searched as many times as it was counted (with overlaps): StopIteration
from collections import Counter

EXPECTED_CAUSE = "a loop that searches for the pair as many times as it was counted runs out"


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out = list(ids)
    pos = 0
    for _ in range(counts[pair]):
        j = next(k for k in range(pos, len(out) - 1) if (out[k], out[k + 1]) == pair)
        out[j : j + 2] = [new_id]
        pos = j + 1
    return out, pair
