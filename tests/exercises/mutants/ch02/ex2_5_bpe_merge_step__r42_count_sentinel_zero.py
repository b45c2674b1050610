# MUTANT: pairs counted with prev = 0 as 'no id yet': pairs starting with 0 lost
from collections import Counter


def bpe_merge_step(ids, new_id):
    if len(ids) < 2:
        return list(ids), None
    counts = Counter()
    prev = 0
    for x in ids:
        if prev:
            counts[(prev, x)] += 1
        prev = x
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

EXPECTED_CAUSE = 'every pair that starts with the id 0'
