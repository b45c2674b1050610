# Correct: merges by searching the pair again from the start after each replacement; equal to
#   left-to-right merging when new_id is a new id (not one of the pair)
def bpe_merge_step(ids, new_id):
    from collections import Counter
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out = list(ids)
    changed = True
    while changed:
        changed = False
        for i in range(len(out) - 1):
            if (out[i], out[i + 1]) == pair:
                out[i:i + 2] = [new_id]
                changed = True
                break
    return out, pair
