# MUTANT: counting loop over range(len(ids)) reads ids[i + 1] past the end
def bpe_merge_step(ids, new_id):
    if len(ids) < 2:
        return list(ids), None
    counts = {}
    for i in range(len(ids)):
        p = (ids[i], ids[i + 1])
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


EXPECTED_CAUSE = 'last position i = 4 there is no ids[i + 1];'  # the check's message must name this
