# MUTANT: an unmerged id copied as ids[i - 1] (a typo)
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
            i += 2
        else:
            out.append(ids[i - 1])
            i += 1
    return out, pair


EXPECTED_CAUSE = 'the id just before the one copied there'  # the check's message must name this
