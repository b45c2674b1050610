# Correct: union of triu(1) (future) and tril(-window) (too far back) of a bool ones matrix
import torch


def sliding_window_mask(num_tokens, window):
    ones = torch.ones(num_tokens, num_tokens, dtype=torch.bool)
    return torch.triu(ones, diagonal=1) | torch.tril(ones, diagonal=-window)
