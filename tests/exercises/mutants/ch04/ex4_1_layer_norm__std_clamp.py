# MUTANT: the standard deviation is clamped at eps instead of eps added to the variance.
"""Exercise 4.1 (solution): layer normalisation with a trainable scale and shift."""

import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    """Layer normalisation over the last dimension, as GPT-2 uses it (§4.2)."""

    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        mean = x.mean(dim=-1, keepdim=True)
        var = x.var(dim=-1, keepdim=True, unbiased=False)  # divide by emb_dim
        norm_x = (x - mean) / torch.sqrt(var).clamp(min=self.eps)
        return self.scale * norm_x + self.shift

EXPECTED_CAUSE = 'standard deviation is clamped at eps'
