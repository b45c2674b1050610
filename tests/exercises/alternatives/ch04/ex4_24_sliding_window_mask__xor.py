# Correct: the two disjoint conditions joined with ^ (exclusive or): never both True, so ^ is |
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) ^ (k <= q - window)
