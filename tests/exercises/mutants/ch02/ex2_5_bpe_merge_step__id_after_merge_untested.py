# MUTANT: after a merge the next id is copied without being tested (i += 2, then the id at i is
# appended as is)
from collections import Counter

EXPECTED_CAUSE = "copies the id right after a merged pair without testing it"


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
            if i < len(ids):
                out.append(ids[i])
                i += 1
        else:
            out.append(ids[i])
            i += 1
    return out, pair
