# MUTANT: forward uses scale.data / shift.data, so scale and shift get no gradient
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
        return self.scale.data * (x - mean) / torch.sqrt(var + self.eps) + self.shift.data


EXPECTED_CAUSE = 'LayerNorm.scale gets no gradient'
