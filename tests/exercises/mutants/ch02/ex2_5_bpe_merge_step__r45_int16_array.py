# MUTANT: ids copied into an int16 numpy array for the merge scan (ids past 32767 wrap)
from collections import Counter

import numpy as np

EXPECTED_CAUSE = "wrapped round as in an int16 array"


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    arr = np.array(ids).astype(np.int16)
    out, i = [], 0
    while i < len(arr):
        if i + 1 < len(arr) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(int(arr[i]))
            i += 1
    return out, pair
