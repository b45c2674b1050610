# MUTANT: counts only every other pair (step 2), missing odd-offset pairs
"""Exercise 2.5 (solution): one step of byte-pair-encoding training."""

from collections import Counter


def bpe_merge_step(ids, new_id):
    """Find the most frequent adjacent pair in ``ids`` and replace it by ``new_id``."""
    counts = Counter(zip(ids[::2], ids[1::2]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)  # the first pair seen wins a tie
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair


EXPECTED_CAUSE = 'every other pair'  # the check's message must name this
