# MUTANT: pairs counted only if a and b: every pair holding the id 0 lost
def bpe_merge_step(ids, new_id):
    if len(ids) < 2:
        return list(ids), None
    counts = {}
    for a, b in zip(ids, ids[1:]):
        if a and b:
            counts[(a, b)] = counts.get((a, b), 0) + 1
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

EXPECTED_CAUSE = 'every pair that holds the id 0'
