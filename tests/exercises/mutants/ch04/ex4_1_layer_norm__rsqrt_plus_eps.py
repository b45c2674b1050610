# MUTANT: eps added to the inverse standard deviation (rsqrt(var) + eps).
import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        mean = x.mean(dim=-1, keepdim=True)
        var = ((x - mean) ** 2).mean(dim=-1, keepdim=True)
        return self.scale * (x - mean) * (torch.rsqrt(var) + self.eps) + self.shift

EXPECTED_CAUSE = "eps is added to the inverse standard deviation"
MIN_MARGIN = 1.1  # eps on 1/std moves ordinary outputs by about 1.3e-4 (tolerance 1e-4);
# the constant token, where rsqrt(0) * 0 is NaN, rejects it too
