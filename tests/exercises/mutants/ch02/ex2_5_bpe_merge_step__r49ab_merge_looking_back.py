# MUTANT: a look-back test, (ids[i - 1], ids[i]) == pair: an odd run's last id merged again
from collections import Counter

EXPECTED_CAUSE = "which already belonged to a merged pair"


def bpe_merge_step(ids, new_id):
    if len(ids) < 2:
        return list(ids), None
    counts = Counter(zip(ids, ids[1:]))
    pair = counts.most_common(1)[0][0]
    new_ids = []
    i = 0
    while i < len(ids):
        if i < len(ids) - 1 and (ids[i], ids[i + 1]) == pair:
            new_ids.append(new_id)
            i += 2
        elif i > 0 and (ids[i - 1], ids[i]) == pair:
            # second half of an overlapping pair: merge it again
            new_ids.append(new_id)
            i += 1
        else:
            new_ids.append(ids[i])
            i += 1
    return new_ids, pair
