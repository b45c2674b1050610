# Mutant: a window longer than the input clamped to num_tokens - 1.
import torch


def sliding_window_mask(num_tokens, window):
    window = min(window, num_tokens - 1)
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (k <= q - window)


EXPECTED_CAUSE = 'clamped to num_tokens - 1'
