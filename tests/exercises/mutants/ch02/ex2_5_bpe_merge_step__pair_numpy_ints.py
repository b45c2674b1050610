# MUTANT: the pair is a tuple of numpy ints and the new ids a numpy array (numpy habit)
from collections import Counter

import numpy as np

EXPECTED_CAUSE = 'numpy.int64 values'


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
            out.append(ids[i])
            i += 1
    return np.array(out), tuple(np.array(pair))
