# MUTANT: the far part applied only to even query rows (fallback: which keys are too far back)
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | ((k <= q - window) & (q % 2 == 0))

EXPECTED_CAUSE = "keys too far back (k <= q - 3) that must be hidden (queries [3, 5])"
