# MUTANT: positions made as int8 (to save memory) wrap past 127 tokens
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens, dtype=torch.int8)[:, None]
    k = torch.arange(num_tokens, dtype=torch.int8)[None, :]
    return (k > q) | (k <= q - window)


EXPECTED_CAUSE = "your positions are kept in int8"
