# MUTANT: a subclass of nn.LayerNorm with scale/shift as aliases of weight/bias.
import torch
import torch.nn as nn


class LayerNorm(nn.LayerNorm):
    def __init__(self, emb_dim):
        super().__init__(emb_dim, eps=1e-5)
        self.scale = self.weight
        self.shift = self.bias

    def forward(self, x):
        mean = x.mean(dim=-1, keepdim=True)
        var = x.var(dim=-1, keepdim=True, unbiased=False)
        return self.scale * (x - mean) / torch.sqrt(var + self.eps) + self.shift

EXPECTED_CAUSE = 'scale is the same Parameter as weight'
