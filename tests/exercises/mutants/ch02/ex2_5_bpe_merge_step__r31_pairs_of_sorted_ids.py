# MUTANT: the pairs counted over sorted(ids), so the pair is one of neighbours in sorted order
from collections import Counter

EXPECTED_CAUSE = 'you counted the pairs of sorted(ids)'


def bpe_merge_step(ids, new_id):
    s = sorted(ids)
    counts = Counter(zip(s, s[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.get)
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair
