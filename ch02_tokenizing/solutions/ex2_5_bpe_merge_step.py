"""Exercise 2.5 (solution): one step of byte-pair-encoding training.

Ours: the book has no exercise for this; it practises the section named above.
"""

from collections import Counter


def bpe_merge_step(ids, new_id):
    """Find the most frequent adjacent pair in ``ids`` and replace it by ``new_id``, a new id
    that does not occur in ``ids`` (the next free id of the vocabulary being trained).

    Count every adjacent pair ``(ids[i], ids[i + 1])``. The most frequent pair wins; on a tie,
    the pair that occurs first in ``ids`` wins. Replace its occurrences from left to right
    without overlap (``[7, 7, 7]`` merging ``(7, 7)`` becomes ``[new_id, 7]``). Return
    ``(new_ids, pair)`` with ``new_ids`` a new list (leave ``ids`` unchanged); if ``ids`` has
    fewer than two elements, return ``(list(ids), None)``.

    Example: ``bpe_merge_step([1, 2, 3, 1, 2], 99)`` is ``([99, 3, 99], (1, 2))``.
    """
    counts = Counter(zip(ids, ids[1:]))
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
