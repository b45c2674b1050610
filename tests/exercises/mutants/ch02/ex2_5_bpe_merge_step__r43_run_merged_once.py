# MUTANT: a vectorised merge that drops every match whose previous position matched too
from collections import Counter

import numpy as np


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    a = np.asarray(ids)
    hits = np.flatnonzero((a[:-1] == pair[0]) & (a[1:] == pair[1]))
    keep = hits[~np.isin(hits - 1, hits)]
    out, i, k = [], 0, 0
    while i < len(ids):
        if k < len(keep) and i == keep[k]:
            out.append(new_id)
            i += 2
            k += 1
        else:
            out.append(ids[i])
            i += 1
    return out, pair

EXPECTED_CAUSE = "the position before it matched too"
