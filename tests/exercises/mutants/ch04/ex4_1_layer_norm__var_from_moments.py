# MUTANT: variance as E[x^2] - mean^2, which cancels for a large mean.
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
        var = (x * x).mean(dim=-1, keepdim=True) - mean * mean
        return self.scale * (x - mean) / torch.sqrt(var + self.eps) + self.shift


EXPECTED_CAUSE = 'mean(x**2) - mean**2'
