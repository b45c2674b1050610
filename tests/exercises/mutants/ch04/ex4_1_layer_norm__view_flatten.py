# MUTANT: flattens with x.view (fails on non-contiguous input)
import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        shape = x.shape
        x = x.view(-1, shape[-1])
        mean = x.mean(dim=-1, keepdim=True)
        var = x.var(dim=-1, keepdim=True, unbiased=False)
        out = self.scale * (x - mean) / torch.sqrt(var + self.eps) + self.shift
        return out.view(shape)

EXPECTED_CAUSE = 'x.view(...) needs a contiguous tensor'
