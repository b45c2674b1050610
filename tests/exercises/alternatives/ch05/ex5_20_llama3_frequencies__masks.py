# Correct: boolean masks and index assignment on a clone, torch.pow for the base frequencies
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    exponents = torch.arange(0, head_dim, 2).float() / head_dim
    inv_freq = torch.pow(float(theta_base), -exponents)
    old_len = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    result = inv_freq.clone()
    slow = wavelen > old_len / lo
    medium = ~slow & (wavelen >= old_len / hi)
    result[slow] = inv_freq[slow] / factor
    smooth = (old_len / wavelen[medium] - lo) / (hi - lo)
    result[medium] = (1 - smooth) * inv_freq[medium] / factor + smooth * inv_freq[medium]
    return result
