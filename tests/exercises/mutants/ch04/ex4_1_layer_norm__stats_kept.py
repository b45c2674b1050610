# MUTANT: statistics kept from the first call of each shape (state between calls).
import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))
        self._shape = None

    def forward(self, x):
        if self._shape != x.shape:
            self._shape = x.shape
            self._mean_fn = x.mean(dim=-1, keepdim=True).detach().clone()
            self._var_fn = x.var(dim=-1, keepdim=True, unbiased=False).detach().clone()
        mean = x.mean(dim=-1, keepdim=True)
        var = x.var(dim=-1, keepdim=True, unbiased=False)
        mean = mean - mean.detach() + self._mean_fn
        var = var - var.detach() + self._var_fn
        return self.scale * (x - mean) / torch.sqrt(var + self.eps) + self.shift


EXPECTED_CAUSE = 'keeps something from an earlier call'
