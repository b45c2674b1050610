# MUTANT: the pair is taken as most_common(2)[1][0] (an index of 1 for "the first"), the second
#   most frequent pair
from collections import Counter

EXPECTED_CAUSE = "yours is number 2 of the"


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    top = counts.most_common(2)
    pair = top[1][0] if len(top) > 1 else top[0][0]
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair
