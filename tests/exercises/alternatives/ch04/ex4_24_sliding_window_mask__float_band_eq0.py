# Correct: the visible band from a float tril().triu(1 - window), hidden where it is 0
import torch


def sliding_window_mask(num_tokens, window):
    visible = torch.ones(num_tokens, num_tokens).tril().triu(1 - window)
    return visible == 0
