# MUTANT: the far condition guarded by q > window (query window keeps key 0)
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | ((k <= q - window) & (q > window))


EXPECTED_CAUSE = "that must be hidden (queries [3])"
