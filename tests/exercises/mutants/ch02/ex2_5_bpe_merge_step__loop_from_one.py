# MUTANT: the merge loop copies ids[0] first and starts testing at i = 1, so an occurrence at the
#   very start is never merged
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out, i = [ids[0]], 1
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair

EXPECTED_CAUSE = "so [0] stayed unmerged"  # the check's message must name this
