# MUTANT: assert len(ids) >= 2 at the top: a single id or no ids raise instead of returning
#   (list(ids), None)
from collections import Counter

EXPECTED_CAUSE = 'Fewer than two ids is no error'


def bpe_merge_step(ids, new_id):
    assert len(ids) >= 2, "need at least two ids"
    counts = Counter(zip(ids, ids[1:]))
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
