# Correct: the bands computed in float64, the result cast to float32 at the end
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    inv_freq = 1.0 / theta_base ** (torch.arange(0, head_dim, 2, dtype=torch.float64) / head_dim)
    length = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = (length / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    out = torch.where(wavelen > length / lo, inv_freq / factor, inv_freq)
    medium = (wavelen <= length / lo) & (wavelen >= length / hi)
    return torch.where(medium, blended, out).float()
