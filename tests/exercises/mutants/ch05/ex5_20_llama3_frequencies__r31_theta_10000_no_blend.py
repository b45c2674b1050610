# MUTANT: two slips: theta fixed at 10000 and no blend in the middle band
import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    old_len = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    inv_freq = 1.0 / 10000 ** (torch.arange(0, head_dim, 2).float() / head_dim)
    wavelen = 2 * math.pi / inv_freq
    return torch.where(wavelen > old_len / lo, inv_freq / factor, inv_freq)


EXPECTED_CAUSE = "with theta = 10,000, not theta_base = 500,000"
