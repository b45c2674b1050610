# MUTANT: positions made as uint8 wrap past 255 tokens
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens, dtype=torch.uint8)[:, None]
    k = torch.arange(num_tokens, dtype=torch.uint8)[None, :]
    return (k > q) | (k <= q - window)


EXPECTED_CAUSE = "your positions are kept in uint8"
