# MUTANT: scale and shift are created with shape (1, emb_dim) instead of (emb_dim,).
"""Exercise 4.1: layer normalisation with a trainable scale and shift.
"""

import torch
import torch.nn as nn

EXPECTED_CAUSE = "got shape (1, 4)"


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(1, emb_dim))
        self.shift = nn.Parameter(torch.zeros(1, emb_dim))

    def forward(self, x):
        mean = x.mean(dim=-1, keepdim=True)
        var = x.var(dim=-1, keepdim=True, unbiased=False)
        return self.scale * (x - mean) / torch.sqrt(var + self.eps) + self.shift
