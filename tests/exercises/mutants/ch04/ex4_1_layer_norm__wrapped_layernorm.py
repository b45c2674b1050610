# MUTANT: a wrapped nn.LayerNorm with scale/shift pointing to its weight/bias.
import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.ln = nn.LayerNorm(emb_dim, eps=1e-5)
        self.scale = self.ln.weight
        self.shift = self.ln.bias

    def forward(self, x):
        return self.ln(x)

EXPECTED_CAUSE = 'a wrapped nn.LayerNorm?'
