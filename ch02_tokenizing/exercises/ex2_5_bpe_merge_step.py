"""Exercise 2.5: one step of byte-pair-encoding training.

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
    raise NotImplementedError
