# MUTANT: the variance averages the centred squares over the whole tensor (.mean() without dim).
"""Exercise 4.1: layer normalisation with a trainable scale and shift.
"""

import torch
import torch.nn as nn

EXPECTED_CAUSE = "averages (x - mean) ** 2 over the whole tensor"


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        mean = x.mean(dim=-1, keepdim=True)
        var = ((x - mean) ** 2).mean()  # population variance
        return self.scale * (x - mean) / torch.sqrt(var + self.eps) + self.shift
