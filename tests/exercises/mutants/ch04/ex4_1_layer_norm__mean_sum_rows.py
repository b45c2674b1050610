# MUTANT: the mean divides the token's sum by x.shape[0].
"""Exercise 4.1 (solution): layer normalisation."""

import torch
import torch.nn as nn


class LayerNorm(nn.Module):

    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        mean = x.sum(dim=-1, keepdim=True) / x.shape[0]
        var = x.var(dim=-1, keepdim=True, unbiased=False)  # divide by emb_dim
        norm_x = (x - mean) / torch.sqrt(var + self.eps)
        return self.scale * norm_x + self.shift


EXPECTED_CAUSE = "divides the sum by x.shape[0]"
