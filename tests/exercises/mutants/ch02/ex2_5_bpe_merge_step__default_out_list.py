"""A default argument out=[] keeps the new ids of every earlier call."""
from collections import Counter

EXPECTED_CAUSE = "keeps the new ids of earlier calls"


def bpe_merge_step(ids, new_id, out=[]):  # noqa: B006 - the mistake under test
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.get)
    i = 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair
