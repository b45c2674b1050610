# Mutant: the mask cached by num_tokens alone (a second window gets the first mask).
import torch

_cache = {}


def sliding_window_mask(num_tokens, window):
    if num_tokens not in _cache:
        q = torch.arange(num_tokens)[:, None]
        k = torch.arange(num_tokens)[None, :]
        _cache[num_tokens] = (k > q) | (k <= q - window)
    return _cache[num_tokens]


EXPECTED_CAUSE = "a cache keyed by num_tokens alone"
