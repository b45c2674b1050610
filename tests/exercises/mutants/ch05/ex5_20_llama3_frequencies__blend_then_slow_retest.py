# MUTANT: middle band blended in place first, then the slow band re-tested on the updated
#         frequencies (some divided twice)
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    exponents = torch.arange(0, head_dim, 2).float() / head_dim
    inv_freq = 1.0 / theta_base**exponents
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    out = inv_freq.clone()
    smooth = (L / wavelen - lo) / (hi - lo)
    mid = (wavelen <= L / lo) & (wavelen >= L / hi)
    out[mid] = ((1 - smooth) * inv_freq / factor + smooth * inv_freq)[mid]
    new_wavelen = 2 * math.pi / out
    out[new_wavelen > L / lo] /= factor
    return out


EXPECTED_CAUSE = "divided by factor 32 once more"
