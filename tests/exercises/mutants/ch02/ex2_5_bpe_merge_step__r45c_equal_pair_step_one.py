# MUTANT: after a merge of a pair of two equal ids the loop moves on by one id (overlapping)
EXPECTED_CAUSE = "occurrences must not overlap"


def bpe_merge_step(ids, new_id):
    pairs = list(zip(ids, ids[1:]))
    if not pairs:
        return list(ids), None
    counts = [pairs.count(p) for p in pairs]
    pair = pairs[counts.index(max(counts))]
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2 if pair[0] != pair[1] else 1
        else:
            out.append(ids[i])
            i += 1
    return out, pair
