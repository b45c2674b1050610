# MUTANT: the mask is built for max(num_tokens, window) tokens, too large when window > num_tokens
import torch

EXPECTED_CAUSE = "its size follows the window"


def sliding_window_mask(num_tokens, window):
    n = max(num_tokens, window)
    q = torch.arange(n)[:, None]
    k = torch.arange(n)[None, :]
    return (k > q) | (k <= q - window)
