# MUTANT: results cached by (head_dim, theta_base, id(freq_config)): an edited config is stale
import math

import torch

_CACHE = {}


def llama3_inv_freq(head_dim, theta_base, freq_config):
    key = (head_dim, theta_base, id(freq_config))
    if key in _CACHE:
        return _CACHE[key].clone()
    inv_freq = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / head_dim)
    old_len = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = (old_len / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    out = torch.where(wavelen > old_len / lo, inv_freq / factor, inv_freq)
    medium = (wavelen <= old_len / lo) & (wavelen >= old_len / hi)
    _CACHE[key] = torch.where(medium, blended, out)
    return _CACHE[key].clone()


EXPECTED_CAUSE = "a cache keyed by the dict object"
