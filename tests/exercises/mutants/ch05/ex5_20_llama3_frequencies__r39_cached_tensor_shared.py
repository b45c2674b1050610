# MUTANT: results cached by all arguments, the stored tensor returned itself (shared)
import math

import torch

_CACHE = {}


def llama3_inv_freq(head_dim, theta_base, freq_config):
    key = (head_dim, theta_base, tuple(sorted(freq_config.items())))
    if key in _CACHE:
        return _CACHE[key]
    exponents = torch.arange(0, head_dim, 2).float() / head_dim
    inv_freq = 1.0 / theta_base**exponents
    old_len = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = (old_len / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    out = torch.where(wavelen > old_len / lo, inv_freq / factor, inv_freq)
    medium = (wavelen <= old_len / lo) & (wavelen >= old_len / hi)
    _CACHE[key] = torch.where(medium, blended, out)
    return _CACHE[key]


EXPECTED_CAUSE = "both calls hand out the same tensor"
