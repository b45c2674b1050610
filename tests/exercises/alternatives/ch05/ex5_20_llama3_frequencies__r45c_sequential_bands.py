"""Correct: the bands applied one after another in place, the middle band's mask recomputed
from the divided frequencies (the slow band stays beyond L / lo, the middle is untouched)."""
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    freq = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / head_dim)
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / freq
    freq[wavelen > L / lo] /= factor
    wavelen = 2 * math.pi / freq
    mid = (wavelen <= L / lo) & (wavelen >= L / hi)
    smooth = (L / wavelen - lo) / (hi - lo)
    freq[mid] = ((1 - smooth) * freq / factor + smooth * freq)[mid]
    return freq
