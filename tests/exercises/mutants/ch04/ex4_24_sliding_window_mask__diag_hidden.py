# MUTANT: k >= q: a token cannot see itself.
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k >= q) | (k <= q - window)

EXPECTED_CAUSE = 'a token must see itself'
