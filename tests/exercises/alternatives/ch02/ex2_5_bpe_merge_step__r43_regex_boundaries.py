# Correct: a merge by re.sub on the comma-joined ids with word boundaries (\b keeps 11 apart from 1)
import re
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    s = ",".join(str(x) for x in ids)
    s = re.sub(rf"\b{pair[0]},{pair[1]}\b", str(new_id), s)
    return [int(x) for x in s.split(",")], pair
