# Mutant: mean over the last two dims for 3-D inputs (flattens tokens and features).
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        dims = tuple(range(1, x.dim()))
        ms = x.pow(2).mean(dim=dims, keepdim=True)
        return self.scale * x * torch.rsqrt(ms + self.eps)


EXPECTED_CAUSE = 'over every dimension but the first'
