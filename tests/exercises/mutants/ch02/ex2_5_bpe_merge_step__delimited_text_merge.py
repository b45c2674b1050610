# MUTANT: a merge by text replacement with a comma around every id
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    text = "," + ",".join(map(str, ids)) + ","
    text = text.replace(f",{pair[0]},{pair[1]},", f",{new_id},")
    return [int(t) for t in text.strip(",").split(",")], pair

EXPECTED_CAUSE = "a separator around every id"
