# Mutant: an additive float mask (-inf / 0).
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    hide = (k > q) | (k <= q - window)
    return torch.zeros(num_tokens, num_tokens).masked_fill(hide, float('-inf'))


EXPECTED_CAUSE = 'additive mask'
