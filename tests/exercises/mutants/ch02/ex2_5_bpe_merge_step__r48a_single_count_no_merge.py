# MUTANT: the most frequent pair is merged only when it occurs more than once (a pair
# seen once is returned but left unmerged)
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    if counts[pair] < 2:  # a pair seen once saves nothing: leave the ids as they are
        return list(ids), pair
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair

EXPECTED_CAUSE = "merges only a pair seen more than once"
