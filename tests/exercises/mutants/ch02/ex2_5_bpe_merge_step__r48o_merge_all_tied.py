# MUTANT: every pair tied for the top count is merged, not only the one returned
from collections import Counter

EXPECTED_CAUSE = "merged every pair of that count"


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    best = max(counts.values())
    pair = next(p for p, c in counts.items() if c == best)
    tied = {p for p, c in counts.items() if c == best}
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) in tied:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair
