# MUTANT: three slips: q/k swapped, diagonal hidden, window one too wide (fallback)
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (q >= k) | (k - q >= window + 1)


EXPECTED_CAUSE = "yours transposed (mask.T) differs at only 9 places"
