# MUTANT: the pairs are counted in a loop `for pair in zip(ids, ids[1:])`, the best pair gets
# another name, and the function returns the loop variable: the last adjacent pair of the ids
from collections import Counter

EXPECTED_CAUSE = "the last adjacent pair of the ids"


def bpe_merge_step(ids, new_id):
    if len(ids) < 2:
        return list(ids), None
    counts = Counter()
    for pair in zip(ids, ids[1:]):
        counts[pair] += 1
    best = max(counts, key=counts.get)
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == best:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair
