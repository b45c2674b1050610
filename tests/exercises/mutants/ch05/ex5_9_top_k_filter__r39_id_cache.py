# MUTANT: results cached by (id(logits), top_k): stale when the same tensor changes in place
"""Exercise 5.9 (solution): top-k filtering of logits.

This exercise is ours; the book has no exercise on it.
"""

import torch

_CACHE = {}


def top_k_filter(logits, top_k):
    """Keep the ``top_k`` largest logits of every row and replace all others by ``-inf``.

    ``logits`` has shape ``(batch, vocab_size)``; return a new tensor of the same shape (do not
    modify the input). Each row is filtered on its own: a value survives when it is at least
    the row's ``top_k``-th largest value, so ties with that value survive too.

    Example: ``top_k_filter(torch.tensor([[4.51, 0.89, -1.90, 6.75, 1.63, -1.62, -1.89, 6.28,
    1.79]]), 3)`` gives ``[[4.51, -inf, -inf, 6.75, -inf, -inf, -inf, 6.28, -inf]]``.
    """
    key = (id(logits), top_k)
    if key in _CACHE:
        return _CACHE[key]
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]  # (batch, 1): keep the dimension so each row uses its own
    _CACHE[key] = logits.masked_fill(logits < min_val, float("-inf"))
    return _CACHE[key]

EXPECTED_CAUSE = "results are cached by the tensor"
