# MUTANT: the divisor's mean of squares averaged with the largest square ((mean + max) / 2), a
# made-up "robust" RMS
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        sq = x.pow(2)
        ms = (sq.mean(dim=-1, keepdim=True) + sq.amax(dim=-1, keepdim=True)) / 2
        return self.scale * x * torch.rsqrt(ms + self.eps)


EXPECTED_CAUSE = "your divisor per token is"
