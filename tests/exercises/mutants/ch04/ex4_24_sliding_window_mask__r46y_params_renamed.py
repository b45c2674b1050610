# MUTANT: the parameters renamed seq_len and window_size, so calls by name fail
import torch

EXPECTED_CAUSE = "keep the parameter names of the docstring"


def sliding_window_mask(seq_len, window_size):
    q = torch.arange(seq_len)[:, None]
    k = torch.arange(seq_len)[None, :]
    return (k > q) | (k <= q - window_size)
