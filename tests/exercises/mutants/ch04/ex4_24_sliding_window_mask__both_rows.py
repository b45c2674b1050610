# MUTANT: q is built as a row too (arange[None, :]), so the mask is (1, num_tokens).
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[None, :]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (k <= q - window)


EXPECTED_CAUSE = "q and k are both rows"
