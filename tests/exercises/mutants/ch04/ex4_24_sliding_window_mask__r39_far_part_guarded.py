# MUTANT: the far part hides keys only from query 2 * window on (an extra guard)
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | ((k <= q - window) & (q >= 2 * window))


EXPECTED_CAUSE = "keys too far back (k <= q - 3) that must be hidden"
