# Mutant: True where visible, and one key too many.
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k <= q) & (k >= q - window)


EXPECTED_CAUSE = 'and with that undone: the window is one token too wide'
