# Correct: the bands told apart by the frequency (inv_freq < 2 pi lo / L), not the wavelength
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    inv = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / head_dim)
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    smooth = (L * inv / (2 * math.pi) - lo) / (hi - lo)
    blended = (1 - smooth) * inv / factor + smooth * inv
    slow = inv < 2 * math.pi * lo / L
    fast = inv > 2 * math.pi * hi / L
    return torch.where(slow, inv / factor, torch.where(fast, inv, blended))
