# Right: the slow-band test written with L / hi instead of L / lo; the middle band overrides
# every value between L / hi and L / lo, so the result is the same
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    inv_freq = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / head_dim)
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    out = torch.where(wavelen > L / hi, inv_freq / factor, inv_freq)
    smooth = (L / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    medium = (wavelen >= L / hi) & (wavelen <= L / lo)
    return torch.where(medium, blended, out)
