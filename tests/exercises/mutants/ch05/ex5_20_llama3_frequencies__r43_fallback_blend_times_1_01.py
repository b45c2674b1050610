# MUTANT: the blend multiplied by 1.01 (no replay matches: the fallback names the factor)
import math

import torch

EXPECTED_CAUSE = "every value of the blended band is 1.01 times"


def llama3_inv_freq(head_dim, theta_base, freq_config):
    exponents = torch.arange(0, head_dim, 2).float() / head_dim
    inv_freq = 1.0 / theta_base**exponents
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = (L / wavelen - lo) / (hi - lo)
    blended = ((1 - smooth) * inv_freq / factor + smooth * inv_freq) * 1.01
    out = torch.where(wavelen > L / lo, inv_freq / factor, inv_freq)
    medium = (wavelen <= L / lo) & (wavelen >= L / hi)
    return torch.where(medium, blended, out)
