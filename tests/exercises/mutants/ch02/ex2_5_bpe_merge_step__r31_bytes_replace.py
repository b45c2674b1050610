# MUTANT: the ids as a bytes object merged with bytes.replace: new_id 999 does not fit in a byte
from collections import Counter

EXPECTED_CAUSE = 'A bytes object holds values 0 to 255 only'


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.get)
    merged = bytes(ids).replace(bytes(pair), bytes([new_id]))
    return list(merged), pair
