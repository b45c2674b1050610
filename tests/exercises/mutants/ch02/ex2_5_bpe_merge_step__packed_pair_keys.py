# MUTANT: pairs counted under a packed key a * 1000 + b (collides once an id reaches 1000)
EXPECTED_CAUSE = "packed as a * 1000 + b and read back with divmod"


def bpe_merge_step(ids, new_id):
    counts = {}
    for a, b in zip(ids, ids[1:]):
        counts[a * 1000 + b] = counts.get(a * 1000 + b, 0) + 1
    if not counts:
        return list(ids), None
    key = max(counts, key=counts.get)
    pair = divmod(key, 1000)
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair
