# Correct: the clamped-smooth form (HF style): smooth clamped to [0, 1] and one blend for all
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    inv_freq = 1.0 / (theta_base ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim))
    old_len = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = ((old_len / wavelen - lo) / (hi - lo)).clamp(0.0, 1.0)
    return (1 - smooth) * inv_freq / freq_config["factor"] + smooth * inv_freq
