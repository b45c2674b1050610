# MUTANT: divides the sum of squares by a fixed 4 (the example's width).
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).sum(dim=-1, keepdim=True) / 4
        return self.scale * x * torch.rsqrt(ms + self.eps)


EXPECTED_CAUSE = "divided by 4, not by emb_dim = 7"
