"""Pairs are counted with wrap-around: the last id is paired with the first."""
from collections import Counter

EXPECTED_CAUSE = "wraps round from the last id to the first"


def bpe_merge_step(ids, new_id):
    ids = list(ids)
    counts = Counter(zip(ids, ids[1:] + ids[:1])) if len(ids) > 1 else Counter()
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.get)
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair
