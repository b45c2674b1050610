# MUTANT: True where the key is visible (the mask inverted).
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k <= q) & (k > q - window)


EXPECTED_CAUSE = "True and False are swapped"
