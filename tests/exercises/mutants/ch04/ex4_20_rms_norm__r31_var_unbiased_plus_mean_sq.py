# MUTANT: mean of squares as x.var() (unbiased, n - 1) + mean**2
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))


    def forward(self, x):
        ms = x.var(dim=-1, keepdim=True) + x.mean(dim=-1, keepdim=True) ** 2
        return self.scale * x / torch.sqrt(ms + self.eps)


EXPECTED_CAUSE = "x.var divides by n - 1 by default"
