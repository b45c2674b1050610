# MUTANT: sorted logits masked after position k then gathered back with the sort indices (gather
# instead of scatter)
"""Exercise 5.9 (solution): top-k filtering of logits.

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
    sorted_logits, sorted_idx = torch.sort(logits, descending=True, dim=-1)
    sorted_logits[:, top_k:] = float("-inf")
    return sorted_logits.gather(-1, sorted_idx)

EXPECTED_CAUSE = "holds the right kept values, but in other columns"
