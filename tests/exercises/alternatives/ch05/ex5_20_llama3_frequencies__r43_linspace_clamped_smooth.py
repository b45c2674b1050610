# Correct: exponents 2i/d from linspace(0, 1, d/2 + 1)[:-1] (same values as arange(0, d, 2) / d)
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    exponents = torch.linspace(0, 1, head_dim // 2 + 1)[:-1]
    inv_freq = theta_base ** (-exponents)
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = ((L / wavelen - lo) / (hi - lo)).clamp(0, 1)
    return (1 - smooth) * inv_freq / factor + smooth * inv_freq
