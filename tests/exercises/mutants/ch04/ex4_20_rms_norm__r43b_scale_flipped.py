# MUTANT: self.scale applied in reverse order (scale.flip(0)): the multiplier read back
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).mean(-1, keepdim=True)
        return self.scale.flip(0) * x * torch.rsqrt(ms + self.eps)

EXPECTED_CAUSE = "your multiplier per feature is [2, 1.5, 1, 0.5]"
