# MUTANT: the cube root of the mean of |x|**3 as the divisor (fallback: the divisor read back)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        m = x.abs().pow(3).mean(dim=-1, keepdim=True)
        return self.scale * x / (m + self.eps).pow(1 / 3)

EXPECTED_CAUSE = "your divisor per token is"
