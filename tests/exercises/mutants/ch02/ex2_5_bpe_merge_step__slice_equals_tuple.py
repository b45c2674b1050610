# MUTANT: a list slice compared with the tuple pair is never equal: nothing merged
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out, i = [], 0
    while i < len(ids):
        if ids[i:i + 2] == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair


EXPECTED_CAUSE = 'never equal to the tuple'  # the check's message must name this
