# MUTANT: the wavelengths are rounded to whole tokens before the bands and the blend
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    inv_freq = 1.0 / theta_base ** (torch.arange(0, head_dim, 2).float() / head_dim)
    L = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = torch.round(2 * math.pi / inv_freq)
    smooth = (L / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    out = torch.where(wavelen > L / lo, inv_freq / factor, inv_freq)
    medium = (wavelen <= L / lo) & (wavelen >= L / hi)
    return torch.where(medium, blended, out)


EXPECTED_CAUSE = "wavelengths are rounded to whole numbers (torch.round"
# Rounding moves a wavelength by at most 0.5, so in the first case (wavelengths in the
# thousands) smooth moves by about 1e-4 relative, just past the check's tolerance; the third
# case (wavelengths 32 .. 128) is off by percents, but the first case fails first.
MIN_MARGIN = 1
