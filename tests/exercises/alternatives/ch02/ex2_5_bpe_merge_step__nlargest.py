# Correct: heapq.nlargest is sorted(..., reverse=True)[:n], stable: the first pair seen wins
import heapq
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = heapq.nlargest(1, counts, key=counts.get)[0]
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair
