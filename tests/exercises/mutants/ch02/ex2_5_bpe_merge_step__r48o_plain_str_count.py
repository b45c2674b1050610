# MUTANT: pairs counted by str.count of 'a,b' in the comma-joined ids (no overlaps, and
# matches inside longer numbers)

EXPECTED_CAUSE = "str.count never overlaps, so '7,7,7' holds '7,7' once"


def bpe_merge_step(ids, new_id):
    if len(ids) < 2:
        return list(ids), None
    text = ",".join(map(str, ids))
    pairs = list(dict.fromkeys(zip(ids, ids[1:])))
    pair = max(pairs, key=lambda p: text.count(f"{p[0]},{p[1]}"))
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair
