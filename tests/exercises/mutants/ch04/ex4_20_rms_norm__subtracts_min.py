# MUTANT: subtracts the minimum first; the fallback shows the zeros this leaves.
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        x = x - x.amin(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(x.pow(2).mean(dim=-1, keepdim=True) + self.eps)


EXPECTED_CAUSE = "is 0 at positions [0] where scale * x is not"
