# MUTANT: the band edges compared at 2 pi * L / lo and 2 pi * L / hi (2 pi twice)
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    exponents = torch.arange(0, head_dim, 2).float() / head_dim
    inv_freq = 1.0 / theta_base**exponents
    old_len = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = (old_len / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    slow_edge, fast_edge = 2 * math.pi * old_len / lo, 2 * math.pi * old_len / hi
    out = torch.where(wavelen > slow_edge, inv_freq / factor, inv_freq)
    medium = (wavelen <= slow_edge) & (wavelen >= fast_edge)
    return torch.where(medium, blended, out)


EXPECTED_CAUSE = "both about 2 pi"
