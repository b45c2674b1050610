# MUTANT: the -inf tensor is made with torch.full without dtype (float32), so
# bfloat16 logits come back as float32
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
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]  # (batch, 1): keep the dimension so each row uses its own
    neg_inf = torch.full(logits.shape, float("-inf"), device=logits.device)
    return torch.where(logits >= min_val, logits, neg_inf)

EXPECTED_CAUSE = "made without dtype=logits.dtype"
