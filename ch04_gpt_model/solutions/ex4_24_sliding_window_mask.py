"""Exercise 4.24 (solution, bonus): the mask of sliding-window attention.

This exercise is ours; the book's SWA bonus builds the mask without an exercise.
"""

import torch


def sliding_window_mask(num_tokens, window):
    """A ``(num_tokens, num_tokens)`` bool mask, True where query ``q`` must NOT see key ``k``.

    ``window`` is at least 1. Token ``q`` sees itself and the ``window - 1`` tokens before it: keys
    ``q - window + 1 .. q``. So hide ``k`` when ``k > q`` (the future) or ``k <= q - window``
    (too far back). Example: ``num_tokens=4, window=2`` lets token 3 see tokens 2 and 3 only:
    its row is ``[True, True, False, False]``.
    """
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (k <= q - window)
