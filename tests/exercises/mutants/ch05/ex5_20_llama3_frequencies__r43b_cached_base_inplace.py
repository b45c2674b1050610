# MUTANT: base frequencies cached by (head_dim, theta_base) and scaled in place, then handed out
import math

import torch

_BASE = {}


def llama3_inv_freq(head_dim, theta_base, freq_config):
    key = (head_dim, theta_base)
    if key not in _BASE:
        exponents = torch.arange(0, head_dim, 2).float() / head_dim
        _BASE[key] = 1.0 / theta_base**exponents
    inv_freq = _BASE[key]
    old_len = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = (old_len / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    slow = wavelen > old_len / lo
    medium = (wavelen <= old_len / lo) & (wavelen >= old_len / hi)
    inv_freq[slow] /= factor
    inv_freq[medium] = blended[medium]
    return inv_freq

EXPECTED_CAUSE = "changes it in place"
