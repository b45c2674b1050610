# MUTANT: the blend's slow end divided by factor / 2 (the fallback reads the divisor back)
import math

import torch

EXPECTED_CAUSE = "slow end divided by 16 instead of factor = 32"


def llama3_inv_freq(head_dim, theta_base, freq_config):
    exponents = torch.arange(0, head_dim, 2).float() / head_dim
    inv_freq = 1.0 / theta_base**exponents
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = (L / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / (factor / 2) + smooth * inv_freq
    out = torch.where(wavelen > L / lo, inv_freq / factor, inv_freq)
    medium = (wavelen <= L / lo) & (wavelen >= L / hi)
    return torch.where(medium, blended, out)
