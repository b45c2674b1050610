# MUTANT: pairs counted by str.count of ',a,b,' in the comma-joined ids with commas at both ends
# (back-to-back occurrences share a comma and are missed)

EXPECTED_CAUSE = "two occurrences back to back share a separator"


def bpe_merge_step(ids, new_id):
    if len(ids) < 2:
        return list(ids), None
    text = "," + ",".join(map(str, ids)) + ","
    pairs = list(dict.fromkeys(zip(ids, ids[1:])))
    # how often does "a,b" appear in the text of the ids
    pair = max(pairs, key=lambda p: text.count(f",{p[0]},{p[1]},"))
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and ids[i] == pair[0] and ids[i + 1] == pair[1]:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair
