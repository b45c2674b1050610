# Correct: tie broken by an explicit first-position table, max over (count, -first_pos)
from collections import Counter


def bpe_merge_step(ids, new_id):
    pairs = [(ids[i], ids[i + 1]) for i in range(len(ids) - 1)]
    if not pairs:
        return list(ids), None
    counts = Counter(pairs)
    first_pos = {}
    for pos, p in enumerate(pairs):
        first_pos.setdefault(p, pos)
    pair = max(counts, key=lambda p: (counts[p], -first_pos[p]))
    out = []
    i = 0
    while i < len(ids):
        if tuple(ids[i : i + 2]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, tuple(pair)
