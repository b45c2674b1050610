# Mutant: the two conditions joined with & (nothing hidden).
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) & (k <= q - window)


EXPECTED_CAUSE = 'nothing is hidden'
