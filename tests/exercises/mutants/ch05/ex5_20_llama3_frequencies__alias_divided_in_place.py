# MUTANT: slow = inv_freq (alias, no clone) then slow /= factor: the blend and fast band change too
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    inv = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / head_dim)
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wl = 2 * math.pi / inv
    slow = inv
    slow /= factor
    smooth = (L / wl - lo) / (hi - lo)
    blended = (1 - smooth) * slow + smooth * inv
    out = torch.where(wl > L / lo, slow, inv)
    medium = (wl <= L / lo) & (wl >= L / hi)
    return torch.where(medium, blended, out)


EXPECTED_CAUSE = "another name for the same tensor"
