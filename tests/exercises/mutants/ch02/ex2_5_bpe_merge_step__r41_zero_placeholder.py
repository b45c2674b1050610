# MUTANT: the pair's second id marked with 0 and every 0 filtered out, so real 0 ids are lost
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out = list(ids)
    i = 0
    while i < len(out) - 1:
        if (out[i], out[i + 1]) == pair:
            out[i], out[i + 1] = new_id, 0
            i += 2
        else:
            i += 1
    return [x for x in out if x != 0], pair

EXPECTED_CAUSE = "0 written as a placeholder"
