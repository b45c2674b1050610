# Correct: build the visible band (distance 0 .. window - 1) and negate it
import torch


def sliding_window_mask(num_tokens, window):
    pos = torch.arange(num_tokens)
    distance = pos.unsqueeze(1) - pos.unsqueeze(0)  # q - k, (num_tokens, num_tokens)
    visible = (distance >= 0) & (distance < window)
    return ~visible
