# MUTANT: last id always appended (duplicated when the merge ends the list)
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out, skip = [], False
    for i in range(len(ids) - 1):
        if skip:
            skip = False
            continue
        if (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            skip = True
        else:
            out.append(ids[i])
    out.append(ids[-1])
    return out, pair


EXPECTED_CAUSE = "after the loop although it was merged"  # the check's message must name this
