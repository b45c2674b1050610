# MUTANT: pairs counted without overlap (str.count-like), (7,7,7) counts once
from collections import Counter


def bpe_merge_step(ids, new_id):
    if len(ids) < 2:
        return list(ids), None
    seen = list(dict.fromkeys(zip(ids, ids[1:])))
    def count(p):
        c, i = 0, 0
        while i < len(ids) - 1:
            if (ids[i], ids[i + 1]) == p:
                c += 1
                i += 2
            else:
                i += 1
        return c
    pair = max(seen, key=count)
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair


EXPECTED_CAUSE = "without overlaps"  # the check's message must name this
