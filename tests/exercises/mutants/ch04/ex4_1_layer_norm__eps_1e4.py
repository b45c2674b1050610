# MUTANT: eps 1e-4.
import torch
import torch.nn as nn


class LayerNorm(nn.Module):

    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-4
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        mean = x.mean(dim=-1, keepdim=True)
        var = x.var(dim=-1, keepdim=True, unbiased=False)  # divide by emb_dim
        norm_x = (x - mean) / torch.sqrt(var + self.eps)
        return self.scale * norm_x + self.shift

EXPECTED_CAUSE = 'eps is 0.0001, not 1e-5 (it shows in the gradient)'
MIN_MARGIN = 1.5  # eps=1e-4 moves the worked example's gradient by 1.6e-4 (tolerance
# 1e-4, which float32 rounding on near-constant tokens needs); the output stays within it
