# MUTANT: torch.std_mean's (std, mean) unpacked as (mean, std).
import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        mean, std = torch.std_mean(x, dim=-1, keepdim=True, correction=0)
        return self.scale * (x - mean) / torch.sqrt(std**2 + self.eps) + self.shift

EXPECTED_CAUSE = "torch.std_mean returns (std, mean)"
