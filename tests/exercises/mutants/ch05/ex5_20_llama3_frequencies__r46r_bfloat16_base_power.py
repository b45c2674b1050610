# MUTANT: theta_base raised to bfloat16 exponents: the Python number takes the tensor's dtype,
# so theta_base and every power are rounded to bfloat16 (about 3 significant digits).
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    exponents = torch.arange(0, head_dim, 2).bfloat16() / head_dim
    inv_freq = (1.0 / theta_base**exponents).float()
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = (L / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    out = torch.where(wavelen > L / lo, inv_freq / factor, inv_freq)
    mid = (wavelen <= L / lo) & (wavelen >= L / hi)
    return torch.where(mid, blended, out)


EXPECTED_CAUSE = "1 / theta_base ** exponents with bfloat16 exponents"
