# Correct: sorted(..., reverse=True) is stable: on equal counts the first-seen pair stays first
def bpe_merge_step(ids, new_id):
    counts = {}
    for p in zip(ids, ids[1:]):
        counts[p] = counts.get(p, 0) + 1
    if not counts:
        return list(ids), None
    pair = sorted(counts, key=counts.get, reverse=True)[0]
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair
