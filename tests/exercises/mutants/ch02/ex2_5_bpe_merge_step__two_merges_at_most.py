# MUTANT: at most two occurrences merged
from collections import Counter

EXPECTED_CAUSE = "the loop stops after two merges"


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out, i, done = [], 0, 0
    while i < len(ids):
        if done < 2 and i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
            done += 1
        else:
            out.append(ids[i])
            i += 1
    return out, pair
