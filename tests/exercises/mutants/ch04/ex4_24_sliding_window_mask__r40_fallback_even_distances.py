# MUTANT: the far part hides only keys at an even distance (no replay: the fallback)
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | ((k <= q - window) & ((q - k) % 2 == 0))


EXPECTED_CAUSE = "keys too far back (k <= q - 3) that must be hidden"
