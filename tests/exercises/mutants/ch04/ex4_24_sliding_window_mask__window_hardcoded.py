# MUTANT: window hard-coded to 3.
"""Exercise 4.24 (solution, bonus): the mask of sliding-window attention."""

import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (k <= q - 3)

EXPECTED_CAUSE = 'use the window argument'  # named in the message
