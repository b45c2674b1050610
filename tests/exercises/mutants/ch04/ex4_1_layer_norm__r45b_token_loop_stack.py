# MUTANT: token rows normalised one at a time and joined with torch.stack (fails on no tokens).
import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        rows = []
        for row in x.reshape(-1, x.shape[-1]):
            mean = row.mean()
            var = ((row - mean) ** 2).mean()
            rows.append((row - mean) / torch.sqrt(var + self.eps))
        norm_x = torch.stack(rows).reshape(x.shape)
        return self.scale * norm_x + self.shift


EXPECTED_CAUSE = 'normalised one at a time'
