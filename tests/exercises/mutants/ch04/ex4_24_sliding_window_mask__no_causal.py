# MUTANT: the future is not hidden.
"""Exercise 4.24 (solution, bonus): the mask of sliding-window attention."""

import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return k <= q - window

EXPECTED_CAUSE = 'future tokens are visible'  # named in the message
