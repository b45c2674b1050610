# MUTANT: divides by 3 * (mean(x**2) + eps), no root (fallback: the divisor read back)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x / (3 * (mean_square + self.eps))

EXPECTED_CAUSE = "no root at all and a factor 3"
