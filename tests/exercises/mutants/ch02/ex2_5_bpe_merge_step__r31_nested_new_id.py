# MUTANT: out.append([new_id]): each merge puts a one-item list in new_ids
from collections import Counter

EXPECTED_CAUSE = 'a one-item list (out.append([new_id])'


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.get)
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append([new_id])
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair
