# MUTANT: scale applied before computing the root mean square.
import torch
import torch.nn as nn


class RMSNorm(nn.Module):

    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        x = self.scale * x
        return x * torch.rsqrt(x.pow(2).mean(dim=-1, keepdim=True) + self.eps)

EXPECTED_CAUSE = 'the scale is applied before the root mean square'
