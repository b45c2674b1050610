# MUTANT: the mean of squares is taken over the non-zero entries only (padding-aware idea from a
#   blog), so any row with exact zeros is normalised by the wrong count
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        count = (x != 0).sum(dim=-1, keepdim=True).clamp(min=1)
        mean_square = x.pow(2).sum(dim=-1, keepdim=True) / count
        return self.scale * x * torch.rsqrt(mean_square + self.eps)
EXPECTED_CAUSE = "NON-ZERO values instead of emb_dim"
