# MUTANT: two slips: exponents start at 2 (i counted from 1) and no blend
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    exponents = torch.arange(0, head_dim, 2).float() / head_dim
    inv_freq = 1.0 / theta_base**exponents
    old_len = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    exponents = torch.arange(2, head_dim + 1, 2).float() / head_dim
    inv_freq = 1.0 / theta_base**exponents
    wavelen = 2 * math.pi / inv_freq
    return torch.where(wavelen > old_len / lo, inv_freq / factor, inv_freq)


EXPECTED_CAUSE = "the exponents start at 2, not 0"
