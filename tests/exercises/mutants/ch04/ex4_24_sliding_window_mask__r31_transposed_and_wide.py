# MUTANT: two slips: q and k swapped, and the window one token too wide
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]

    return (q > k) | (q < k - window)


EXPECTED_CAUSE = "columns keys), and with that undone: the window is one token too wide"
