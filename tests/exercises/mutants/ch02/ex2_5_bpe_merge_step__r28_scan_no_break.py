# MUTANT: a scan for the top count without a break: the last such position wins a tie
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    best = max(counts.values())
    pair = None
    for i in range(len(ids) - 1):
        if counts[(ids[i], ids[i + 1])] == best:
            pair = (ids[i], ids[i + 1])
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair


EXPECTED_CAUSE = "occurs LAST in ids"
