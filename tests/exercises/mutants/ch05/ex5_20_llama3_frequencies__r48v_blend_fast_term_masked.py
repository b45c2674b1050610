# MUTANT: one formula for all bands with smooth clamped to [0, 1], but the smooth * inv_freq
# term multiplied by the fast-band mask: the middle band keeps only (1 - smooth) * inv / factor
import math

import torch

EXPECTED_CAUSE = "the blend's other term, smooth * inv_freq, is missing or zeroed"


def llama3_inv_freq(head_dim, theta_base, freq_config):
    inv_freq = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / head_dim)
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = ((L / wavelen - lo) / (hi - lo)).clamp(0, 1)
    return (1 - smooth) * inv_freq / factor + smooth * inv_freq * (wavelen < L / hi)
