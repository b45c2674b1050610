# Correct: the future, or a distance |q - k| of window or more
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | ((q - k).abs() >= window)
