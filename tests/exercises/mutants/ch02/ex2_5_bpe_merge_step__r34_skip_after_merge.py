# MUTANT: after a merge the loop moves on by three ids (i += 3), skipping the id after the pair
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 3
        else:
            out.append(ids[i])
            i += 1
    return out, pair

EXPECTED_CAUSE = "moves on by three ids"
