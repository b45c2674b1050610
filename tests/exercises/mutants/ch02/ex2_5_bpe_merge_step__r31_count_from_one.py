# MUTANT: the pairs are counted in a loop from position 1 (range(1, len(ids) - 1)), so the first
#   pair is never counted
EXPECTED_CAUSE = "miss the FIRST pair"


def bpe_merge_step(ids, new_id):
    counts = {}
    for i in range(1, len(ids) - 1):
        p = (ids[i], ids[i + 1])
        counts[p] = counts.get(p, 0) + 1
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
