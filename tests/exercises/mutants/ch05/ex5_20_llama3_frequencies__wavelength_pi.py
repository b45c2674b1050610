# Mutant: wavelength pi / inv_freq.
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    inv = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / head_dim)
    L = freq_config['original_context_length']
    lo, hi = freq_config['low_freq_factor'], freq_config['high_freq_factor']
    f = freq_config['factor']
    wl = math.pi / inv
    s = (L / wl - lo) / (hi - lo)
    out = torch.where(wl > L / lo, inv / f, inv)
    mid = (wl <= L / lo) & (wl >= L / hi)
    return torch.where(mid, (1 - s) * inv / f + s * inv, out)


EXPECTED_CAUSE = 'the 2 is missing'
