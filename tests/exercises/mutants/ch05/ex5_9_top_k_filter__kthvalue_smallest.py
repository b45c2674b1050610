# Mutant: torch.kthvalue gives the k-th smallest, not the k-th largest.
"""Exercise 5.9 (solution): top-k filtering of logits."""

import torch


def top_k_filter(logits, top_k):
    """Keep the ``top_k`` largest logits of every row and replace all others by ``-inf``."""
    min_val, _ = torch.kthvalue(logits, top_k, dim=-1, keepdim=True)
    return logits.masked_fill(logits < min_val, float("-inf"))

EXPECTED_CAUSE = 'k-th SMALLEST'  # named in the message
