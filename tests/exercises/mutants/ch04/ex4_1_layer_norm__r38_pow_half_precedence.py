# MUTANT: the square root written as `(var + eps) ** 1/2`, which by precedence is (var + eps) / 2
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
        var = x.var(dim=-1, keepdim=True, unbiased=False)
        norm_x = (x - mean) / (var + self.eps) ** 1/2
        return self.scale * norm_x + self.shift

EXPECTED_CAUSE = '** binds tighter than /'
