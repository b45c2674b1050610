# MUTANT: high_freq_factor fixed at 4 (Llama 3.x value), the rest read from freq_config
import math

import torch

EXPECTED_CAUSE = "freq_config['high_freq_factor'] is never read"


def llama3_inv_freq(head_dim, theta_base, freq_config):
    exponents = torch.arange(0, head_dim, 2).float() / head_dim
    inv_freq = 1.0 / theta_base**exponents
    old_len = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], 4
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = (old_len / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    out = torch.where(wavelen > old_len / lo, inv_freq / factor, inv_freq)
    medium = (wavelen <= old_len / lo) & (wavelen >= old_len / hi)
    return torch.where(medium, blended, out)
