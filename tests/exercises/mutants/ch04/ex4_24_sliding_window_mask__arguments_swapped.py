# MUTANT: the parameters declared in the order (window, num_tokens).
import torch


def sliding_window_mask(window, num_tokens):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (k <= q - window)


EXPECTED_CAUSE = "in the order (window, num_tokens)"
