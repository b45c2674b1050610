# Mutant: returns softmax probabilities instead of filtered logits.
"""Exercise 5.9 (solution): top-k filtering of logits."""

import torch


def top_k_filter(logits, top_k):
    """Keep the ``top_k`` largest logits of every row and replace all others by ``-inf``."""
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]  # (batch, 1): keep the dimension so each row uses its own
    return torch.softmax(logits.masked_fill(logits < min_val, float("-inf")), dim=-1)

EXPECTED_CAUSE = 'you returned probabilities'  # named in the message
