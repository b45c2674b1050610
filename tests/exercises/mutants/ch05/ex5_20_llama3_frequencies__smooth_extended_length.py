# Mutant: smooth computed with original_context_length * factor.
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    inv_freq = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / head_dim)
    L = freq_config['original_context_length']
    lo, hi = freq_config['low_freq_factor'], freq_config['high_freq_factor']
    factor = freq_config['factor']
    wl = 2 * math.pi / inv_freq
    smooth = (L * factor / wl - lo) / (hi - lo)
    blend = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    out = torch.where(wl > L / lo, inv_freq / factor, inv_freq)
    mid = (wl <= L / lo) & (wl >= L / hi)
    return torch.where(mid, blend, out)


EXPECTED_CAUSE = 'smooth uses L * factor'
