# Correct: Counter.most_common(1) (keeps first-seen order on ties), index-based while loop
from collections import Counter


def bpe_merge_step(ids, new_id):
    ids = list(ids)
    if len(ids) < 2:
        return ids, None
    (pair, _count), = Counter(zip(ids, ids[1:])).most_common(1)
    merged = []
    i = 0
    n = len(ids)
    while i < n:
        if i < n - 1 and ids[i] == pair[0] and ids[i + 1] == pair[1]:
            merged.append(new_id)
            i += 2
            continue
        merged.append(ids[i])
        i += 1
    return merged, pair
