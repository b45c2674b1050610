# MUTANT: window hard-coded to 4, one more than the first case's 3.
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (k <= q - 4)


EXPECTED_CAUSE = "4 is fixed in the code"
