# MUTANT: torch.var_mean's (var, mean) unpacked as mean, var.
import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        mean, var = torch.var_mean(x, dim=-1, keepdim=True, correction=0)
        norm_x = (x - mean) / torch.sqrt(var + self.eps)
        return self.scale * norm_x + self.shift

EXPECTED_CAUSE = 'mean and the variance are swapped'
