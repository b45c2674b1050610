# MUTANT: the far part built with triu(diagonal=-window) instead of tril
import torch


def sliding_window_mask(num_tokens, window):
    ones = torch.ones(num_tokens, num_tokens, dtype=torch.bool)
    return torch.triu(ones, 1) | torch.triu(ones, -window)


EXPECTED_CAUSE = "the far part is triu(..., diagonal=-window)"
