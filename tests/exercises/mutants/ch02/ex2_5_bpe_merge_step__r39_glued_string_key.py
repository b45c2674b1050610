# MUTANT: pairs counted under the key f"{a}{b}": (1, 23) and (12, 3) count as one pair
def bpe_merge_step(ids, new_id):
    counts, first = {}, {}
    for a, b in zip(ids, ids[1:]):
        key = f"{a}{b}"
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, (a, b))
    if not counts:
        return list(ids), None
    key = max(counts, key=counts.get)
    pair = first[key]
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair


EXPECTED_CAUSE = 'counted under a string key without a separator'
