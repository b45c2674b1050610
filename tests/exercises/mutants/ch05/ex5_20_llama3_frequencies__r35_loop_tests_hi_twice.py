# MUTANT: a loop whose second test is again wavelen > L / hi: the middle band is divided
import math

import torch

EXPECTED_CAUSE = "the band in between is divided by factor"


def llama3_inv_freq(head_dim, theta_base, freq_config):
    exponents = torch.arange(0, head_dim, 2).float() / head_dim
    inv_freq = 1.0 / theta_base**exponents
    old_len = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    out = []
    for f, w in zip(inv_freq.tolist(), wavelen.tolist()):
        if w < old_len / hi:
            out.append(f)
        elif w > old_len / hi:
            out.append(f / factor)
        else:
            s = (old_len / w - lo) / (hi - lo)
            out.append((1 - s) * f / factor + s * f)
    return torch.tensor(out)
