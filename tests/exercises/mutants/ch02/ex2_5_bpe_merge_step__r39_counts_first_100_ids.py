# MUTANT: pairs counted over the first 100 ids only (a slice left in from debugging)
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids[:100], ids[1:100]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair


EXPECTED_CAUSE = 'most frequent pair of the first 100 ids only'
