# MUTANT: "without overlap" read as "never merge right after a merge" (out[-1] != new_id),
# so back-to-back occurrences of the pair are merged only every other time
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out, i = [], 0
    while i < len(ids):
        if (i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair
                and not (out and out[-1] == new_id)):
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair


EXPECTED_CAUSE = "out[-1] != new_id"
