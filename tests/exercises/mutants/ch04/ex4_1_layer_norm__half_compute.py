# MUTANT: computes the statistics in float16 and casts back (precision lost).
import torch
import torch.nn as nn


class LayerNorm(nn.Module):

    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        dtype = x.dtype
        x = x.half()
        mean = x.mean(dim=-1, keepdim=True)
        var = x.var(dim=-1, keepdim=True, unbiased=False)  # divide by emb_dim
        norm_x = (x - mean) / torch.sqrt(var + self.eps)
        return self.scale * norm_x.to(dtype) + self.shift

EXPECTED_CAUSE = 'torch.float16 number'
MIN_MARGIN = 3  # float16 rounding moves the worked example by 3.2e-4 (tolerance 1e-4)
