# MUTANT: freq_config['factor'] replaced in place by its inverse (the caller's config changes)
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    freq_config["factor"] = 1.0 / freq_config["factor"]
    inv_freq = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / head_dim)
    old_len = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    mul = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = (old_len / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq * mul + smooth * inv_freq
    out = torch.where(wavelen > old_len / lo, inv_freq * mul, inv_freq)
    medium = (wavelen <= old_len / lo) & (wavelen >= old_len / hi)
    return torch.where(medium, blended, out)


EXPECTED_CAUSE = "changed its argument `freq_config` in place"
