# MUTANT: mean over dim=2 (right only for 3-D inputs)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).mean(dim=2, keepdim=True)
        return self.scale * x * torch.rsqrt(ms + self.eps)


EXPECTED_CAUSE = "dim=2 is the last dimension only of 3-D"
