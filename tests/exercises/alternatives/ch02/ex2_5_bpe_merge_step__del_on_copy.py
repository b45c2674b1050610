# Correct: merge on a copy with del, moving on by one after each test (the new id is not re-tested
#   with its right neighbour's pair because i moves past it)
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.get)
    new = list(ids)
    i = 0
    while i < len(new) - 1:
        if (new[i], new[i + 1]) == pair:
            new[i] = new_id
            del new[i + 1]
        i += 1
    return new, pair
