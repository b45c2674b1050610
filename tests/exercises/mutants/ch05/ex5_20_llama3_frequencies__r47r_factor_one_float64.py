# MUTANT: exponents computed in float64 and a shortcut for factor == 1 that returns them
# before the cast to float32: float64 frequencies for an unscaled config only
import math

import torch

EXPECTED_CAUSE = "a shortcut for factor == 1"


def llama3_inv_freq(head_dim, theta_base, freq_config):
    exponents = torch.arange(0, head_dim, 2, dtype=torch.float64) / head_dim
    inv_freq = 1.0 / theta_base ** exponents
    factor = freq_config["factor"]
    if factor == 1:  # nothing to scale
        return inv_freq
    inv_freq = inv_freq.float()
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = (L / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    out = torch.where(wavelen > L / lo, inv_freq / factor, inv_freq)
    medium = (wavelen <= L / lo) & (wavelen >= L / hi)
    return torch.where(medium, blended, out)
