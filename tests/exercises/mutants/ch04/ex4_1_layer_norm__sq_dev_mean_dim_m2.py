# MUTANT: squared deviations averaged over dim=-2 instead of the last dimension.
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
        var = ((x - mean) ** 2).mean(dim=-2, keepdim=True)
        return self.scale * (x - mean) / torch.sqrt(var + self.eps) + self.shift

EXPECTED_CAUSE = "averages the squared deviations (x - mean)**2 over dim=-2"
