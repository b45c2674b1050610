# MUTANT: the exponents made float16 and raised from the Python number 1 / theta_base: the
# scalar takes the tensor's dtype, so 1 / theta_base (2e-06, a float16 subnormal) and every
# power are rounded to float16.
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    exponents = (torch.arange(0, head_dim, 2) / head_dim).half()
    inv_freq = ((1.0 / theta_base) ** exponents).float()
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = (L / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    out = torch.where(wavelen > L / lo, inv_freq / factor, inv_freq)
    mid = (wavelen <= L / lo) & (wavelen >= L / hi)
    return torch.where(mid, blended, out)


EXPECTED_CAUSE = "(1 / theta_base) ** exponents with float16 exponents"
