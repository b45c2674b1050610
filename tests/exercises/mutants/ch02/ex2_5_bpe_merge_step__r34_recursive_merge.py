# MUTANT: the merge is recursive (one call per id), so a long list exceeds Python's recursion limit
from collections import Counter


def _merge(ids, pair, new_id):
    if not ids:
        return []
    if len(ids) >= 2 and (ids[0], ids[1]) == pair:
        return [new_id] + _merge(ids[2:], pair, new_id)
    return [ids[0]] + _merge(ids[1:], pair, new_id)


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    return _merge(list(ids), pair, new_id), pair

EXPECTED_CAUSE = "recursion limit"
