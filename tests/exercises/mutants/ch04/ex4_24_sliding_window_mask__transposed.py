# MUTANT: q and k swapped (transposed mask).
"""Exercise 4.24 (solution, bonus): the mask of sliding-window attention."""

import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (q > k) | (q <= k - window)

EXPECTED_CAUSE = 'the mask is transposed'  # named in the message
