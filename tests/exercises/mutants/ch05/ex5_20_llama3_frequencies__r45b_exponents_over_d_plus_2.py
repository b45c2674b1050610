# MUTANT: the exponents divided by head_dim // 2 * 2 + 2 (an off-by-one "fix" for odd head_dim),
# i.e. by head_dim + 2
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    inv_freq = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / (head_dim // 2 * 2 + 2))
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = (L / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    out = torch.where(wavelen > L / lo, inv_freq / factor, inv_freq)
    medium = (wavelen <= L / lo) & (wavelen >= L / hi)
    return torch.where(medium, blended, out)


EXPECTED_CAUSE = "2i / 66 (head_dim + 2)"
