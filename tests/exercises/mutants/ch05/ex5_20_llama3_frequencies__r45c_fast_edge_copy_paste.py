# MUTANT: the fast band's edge copy-pasted as L / low_freq_factor: both edges are L / lo, the middle
# band is empty, and the values to blend are kept unscaled.
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    inv_freq = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / head_dim)
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    low_wavelen = L / lo
    high_wavelen = L / lo
    smooth = (L / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    out = torch.where(wavelen > low_wavelen, inv_freq / factor, inv_freq)
    mid = (wavelen <= low_wavelen) & (wavelen >= high_wavelen)
    return torch.where(mid, blended, out)


EXPECTED_CAUSE = "the fast edge written L / low_freq_factor too"
