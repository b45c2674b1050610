# MUTANT: pair counts accumulate in a module-level Counter across calls
from collections import Counter

counts = Counter()


def bpe_merge_step(ids, new_id):
    counts.update(zip(ids, ids[1:]))
    here = set(zip(ids, ids[1:]))
    if not here:
        return list(ids), None
    pair = max((p for p in counts if p in here), key=counts.__getitem__)
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair


EXPECTED_CAUSE = 'kept between calls'
