# MUTANT: a uint8 mask (old PyTorch habit), not bool
import torch


def sliding_window_mask(num_tokens, window):
    ones = torch.ones(num_tokens, num_tokens, dtype=torch.uint8)
    return torch.triu(ones, 1) | torch.tril(ones, -window)


EXPECTED_CAUSE = "has dtype torch.uint8; return a bool tensor"
