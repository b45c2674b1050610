# MUTANT: NTK-aware scaling (theta_base * factor ** (d / (d - 2))) instead of Llama 3's three bands
import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    factor = freq_config["factor"]
    base = theta_base * factor ** (head_dim / (head_dim - 2))
    return 1.0 / base ** (torch.arange(0, head_dim, 2).float() / head_dim)

EXPECTED_CAUSE = "NTK-aware scaling"
