# MUTANT: the k-th largest distinct value (torch.unique) as threshold
"""Exercise 5.9 (mutant): top-k filtering of logits.

This exercise is ours; the book has no exercise on it.
"""

import torch


def top_k_filter(logits, top_k):
    """Keep the ``top_k`` largest logits of every row and replace all others by ``-inf``.

    ``logits`` has shape ``(batch, vocab_size)``; return a new tensor of the same shape (do not
    modify the input). Each row is filtered on its own: a value survives when it is at least
    the row's ``top_k``-th largest value, so ties with that value survive too.

    Example: ``top_k_filter(torch.tensor([[4.51, 0.89, -1.90, 6.75, 1.63, -1.62, -1.89, 6.28,
    1.79]]), 3)`` gives ``[[4.51, -inf, -inf, 6.75, -inf, -inf, -inf, 6.28, -inf]]``.
    """
    ranked = [torch.unique(row, sorted=True).flip(0) for row in logits]  # distinct values
    min_val = torch.stack([r[min(top_k, r.numel()) - 1] for r in ranked]).unsqueeze(-1)
    return logits.masked_fill(logits < min_val, float("-inf"))

EXPECTED_CAUSE = 'DISTINCT value'
