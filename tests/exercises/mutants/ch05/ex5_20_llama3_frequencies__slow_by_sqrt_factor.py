# MUTANT: slow band divided by sqrt(factor) (a blog's NTK-style scaling), not by factor
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    inv = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / head_dim)
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wl = 2 * math.pi / inv
    smooth = (L / wl - lo) / (hi - lo)
    blended = (1 - smooth) * inv / factor + smooth * inv
    out = torch.where(wl > L / lo, inv / math.sqrt(factor), inv)
    medium = (wl <= L / lo) & (wl >= L / hi)
    return torch.where(medium, blended, out)


EXPECTED_CAUSE = "= sqrt(factor), not by factor"
