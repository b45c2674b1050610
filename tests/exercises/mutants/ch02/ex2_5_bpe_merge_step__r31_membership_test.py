# MUTANT: the merge test is "ids[i] in pair and ids[i + 1] in pair", so (b, a), (a, a) and (b, b)
#   merge too
from collections import Counter

EXPECTED_CAUSE = "whether each id is one of the pair's ids"


def bpe_merge_step(ids, new_id):
    if len(ids) < 2:
        return list(ids), None
    counts = Counter(zip(ids, ids[1:]))
    pair = max(counts, key=counts.get)
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and ids[i] in pair and ids[i + 1] in pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair
