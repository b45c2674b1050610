# MUTANT: divided by the max absolute deviation
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
        norm_x = (x - mean) / (x - mean).abs().amax(-1, keepdim=True)
        return self.scale * norm_x + self.shift

EXPECTED_CAUSE = 'rerun on 3 tokens'
