# MUTANT: the median of the squares instead of their mean (a fallback: no replay matches).
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).median(dim=-1, keepdim=True).values
        return self.scale * x * torch.rsqrt(ms + self.eps)


EXPECTED_CAUSE = "your divisor per token is"
