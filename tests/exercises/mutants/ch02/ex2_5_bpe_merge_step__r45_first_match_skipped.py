# MUTANT: the first occurrence of the pair left unmerged (a flag set on the first match)
from collections import Counter

EXPECTED_CAUSE = "leaves the first occurrence unmerged wherever it is"


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out, i, seen = [], 0, False
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            if seen:
                out.append(new_id)
                i += 2
                continue
            seen = True
        out.append(ids[i])
        i += 1
    return out, pair
