# Mutant: the mask cached by window alone (a longer input gets the first mask).
import torch

_cache = {}


def sliding_window_mask(num_tokens, window):
    if window not in _cache:
        q = torch.arange(num_tokens)[:, None]
        k = torch.arange(num_tokens)[None, :]
        _cache[window] = (k > q) | (k <= q - window)
    return _cache[window]


EXPECTED_CAUSE = "a cache keyed by window alone"
