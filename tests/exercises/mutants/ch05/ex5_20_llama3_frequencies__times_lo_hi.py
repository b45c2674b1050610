# Mutant: band edges L * lo and L * hi.
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    inv = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / head_dim)
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    f = freq_config["factor"]
    w = 2 * math.pi / inv
    smooth = (L / w - lo) / (hi - lo)
    out = torch.where(w > L * lo, inv / f, inv)
    mid = (w <= L * lo) & (w >= L * hi)
    return torch.where(mid, (1 - smooth) * inv / f + smooth * inv, out)


EXPECTED_CAUSE = 'band edges are L * low_freq_factor'
