# MUTANT: smooth's L / wavelength written L * inv_freq / 2 * math.pi (times pi, not over 2 pi)
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    inv_freq = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / head_dim)
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    # L / wavelength = L * inv_freq / (2 pi)
    smooth = (L * inv_freq / 2 * math.pi - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    out = torch.where(wavelen > L / lo, inv_freq / factor, inv_freq)
    mid = (wavelen <= L / lo) & (wavelen >= L / hi)
    return torch.where(mid, blended, out)


EXPECTED_CAUSE = "pi ** 2 times too large"
