# MUTANT: two slips: x.abs() and eps outside the root (fallback: the sign pattern)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        rms = x.pow(2).mean(dim=-1, keepdim=True).sqrt()
        return self.scale * x.abs() / (rms + self.eps)


EXPECTED_CAUSE = "exactly where x is negative"
