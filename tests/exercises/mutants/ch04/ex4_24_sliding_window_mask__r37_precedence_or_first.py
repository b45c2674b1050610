# MUTANT: (k > q) | k <= q - window without parentheses: parsed as ((k > q) | k) <= q - window
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens).unsqueeze(1)
    k = torch.arange(num_tokens).unsqueeze(0)
    return (k > q) | k <= q - window


EXPECTED_CAUSE = "reads as ((k > q) | k) <= q - window"
