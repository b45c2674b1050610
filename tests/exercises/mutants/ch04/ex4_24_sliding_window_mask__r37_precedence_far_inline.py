# MUTANT: future | q - k >= window unparenthesised: (future | (q - k)) >= window
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    future = k > q
    return future | q - k >= window


EXPECTED_CAUSE = "reads as (future | q - k) >= window"
