"""Exercise 4.24 (bonus): the mask of sliding-window attention.

This exercise is ours; the book's SWA bonus builds the mask without an exercise.

Edit this file, then check it with ``python -m llmscratch check ch04``.
The answer is in ../solutions/ex4_24_sliding_window_mask.py (try first!).
"""

import torch


def sliding_window_mask(num_tokens, window):
    """A ``(num_tokens, num_tokens)`` bool mask, True where query ``q`` must NOT see key ``k``.

    ``window`` is at least 1. Token ``q`` sees itself and the ``window - 1`` tokens before it: keys
    ``q - window + 1 .. q``. So hide ``k`` when ``k > q`` (the future) or ``k <= q - window``
    (too far back). Example: ``num_tokens=4, window=2`` lets token 3 see tokens 2 and 3 only:
    its row is ``[True, True, False, False]``.
    """
    raise NotImplementedError("your code here")
