# Mutant: a (1, 1, n, n) mask, shaped for broadcasting.
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return ((k > q) | (k <= q - window))[None, None]


EXPECTED_CAUSE = 'extra leading dimensions'
