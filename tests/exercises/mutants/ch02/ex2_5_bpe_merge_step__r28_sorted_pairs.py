# MUTANT: the pairs are sorted before counting, so a tie goes to the smallest pair
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(sorted(zip(ids, ids[1:])))
    if not counts:
        return list(ids), None
    pair = counts.most_common(1)[0][0]
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair


EXPECTED_CAUSE = "takes the smallest pair"
