# MUTANT: mean written as sum / len(x): len(x) is the first dimension, not emb_dim.
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).sum(dim=-1, keepdim=True) / len(x)
        return self.scale * x * torch.rsqrt(ms + self.eps)


EXPECTED_CAUSE = "divided by len(x)"
