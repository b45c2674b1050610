# MUTANT: pair counts filled in a dict by a loop from the end of ids, so max over them
# breaks a tie for the pair that occurs last
def bpe_merge_step(ids, new_id):
    if len(ids) < 2:
        return list(ids), None
    counts = {}
    for i in range(len(ids) - 1, 0, -1):
        p = (ids[i - 1], ids[i])
        counts[p] = counts.get(p, 0) + 1
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


EXPECTED_CAUSE = "pair counts filled from the end of ids"
