# MUTANT: low_freq_factor and high_freq_factor fixed at Llama 3.2's 1 and 4, never read.
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    inv_freq = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / head_dim)
    old_len = freq_config["original_context_length"]
    lo, hi = 1.0, 4.0
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = (old_len / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    out = torch.where(wavelen > old_len / lo, inv_freq / factor, inv_freq)
    medium = (wavelen <= old_len / lo) & (wavelen >= old_len / hi)
    return torch.where(medium, blended, out)


EXPECTED_CAUSE = "freq_config['low_freq_factor'] is never read"
