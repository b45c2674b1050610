# MUTANT: hides k < q - window: one token too many visible (right when window >= num_tokens)
import torch

EXPECTED_CAUSE = "the window is one token too wide"


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (k < q - window)
