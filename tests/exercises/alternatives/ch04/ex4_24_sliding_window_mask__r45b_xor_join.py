# Right: the two parts joined with ^ (xor); they never overlap, so xor equals or
import torch


def sliding_window_mask(num_tokens, window):
    ones = torch.ones(num_tokens, num_tokens, dtype=torch.bool)
    return ones.triu(1) ^ ones.tril(-window)
