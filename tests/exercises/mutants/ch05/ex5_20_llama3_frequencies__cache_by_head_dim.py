# Mutant: results cached by head_dim alone; a second call gets the first's result.
import math

import torch

_CACHE = {}


def llama3_inv_freq(head_dim, theta_base, freq_config):
    if head_dim in _CACHE:
        return _CACHE[head_dim].clone()
    inv = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / head_dim)
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    f = freq_config["factor"]
    w = 2 * math.pi / inv
    smooth = (L / w - lo) / (hi - lo)
    out = torch.where(w > L / lo, inv / f, inv)
    mid = (w <= L / lo) & (w >= L / hi)
    _CACHE[head_dim] = torch.where(mid, (1 - smooth) * inv / f + smooth * inv, out)
    return _CACHE[head_dim].clone()


EXPECTED_CAUSE = 'kept between calls'
