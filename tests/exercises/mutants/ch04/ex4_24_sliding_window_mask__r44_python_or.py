# MUTANT: the two conditions joined with Python's or instead of |
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) or (k <= q - window)

EXPECTED_CAUSE = "Python's `or`, which asks a whole tensor for one True/False"
