# Correct: a Python loop over the frequencies with if/elif, math in float64, returned as float32
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    old_len = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    low_freq_wavelen, high_freq_wavelen = old_len / lo, old_len / hi
    out = []
    for i in range(head_dim // 2):
        freq = theta_base ** (-2 * i / head_dim)
        wavelen = 2 * math.pi / freq
        if wavelen > low_freq_wavelen:
            out.append(freq / factor)
        elif wavelen < high_freq_wavelen:
            out.append(freq)
        else:
            smooth = (old_len / wavelen - lo) / (hi - lo)
            out.append((1 - smooth) * freq / factor + smooth * freq)
    return torch.tensor(out, dtype=torch.float32)
