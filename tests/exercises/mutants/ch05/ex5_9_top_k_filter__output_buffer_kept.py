# MUTANT: one output buffer kept between calls (a later call overwrites a result)
"""Exercise 5.9 (solution): top-k filtering of logits.

This exercise is ours; the book has no exercise on it.
"""

import torch

_BUFFERS = {}


def top_k_filter(logits, top_k):
    """Keep the ``top_k`` largest logits of every row and replace all others by ``-inf``.

    ``logits`` has shape ``(batch, vocab_size)``; return a new tensor of the same shape (do not
    modify the input). Each row is filtered on its own: a value survives when it is at least
    the row's ``top_k``-th largest value, so ties with that value survive too.

    Example: ``top_k_filter(torch.tensor([[4.51, 0.89, -1.90, 6.75, 1.63, -1.62, -1.89, 6.28,
    1.79]]), 3)`` gives ``[[4.51, -inf, -inf, 6.75, -inf, -inf, -inf, 6.28, -inf]]``.
    """
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]  # (batch, 1): keep the dimension so each row uses its own
    key = (tuple(logits.shape), logits.dtype, logits.device)
    if key not in _BUFFERS:
        _BUFFERS[key] = torch.empty_like(logits)
    out = _BUFFERS[key]
    torch.where(logits < min_val, torch.full_like(logits, float("-inf")), logits, out=out)
    return out


EXPECTED_CAUSE = "one output buffer kept between calls"
