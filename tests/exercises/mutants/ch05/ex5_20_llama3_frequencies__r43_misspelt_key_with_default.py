# MUTANT: L read as freq_config.get('original_context_len', 8192) (a misspelt key: always 8192)
import math

import torch

EXPECTED_CAUSE = "original_context_length is fixed at Llama 3.2's 8192"


def llama3_inv_freq(head_dim, theta_base, freq_config):
    inv_freq = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / head_dim)
    L = freq_config.get("original_context_len", 8192)
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = (L / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    out = torch.where(wavelen > L / lo, inv_freq / factor, inv_freq)
    medium = (wavelen <= L / lo) & (wavelen >= L / hi)
    return torch.where(medium, blended, out)
