# MUTANT: the scale is viewed as a (1, emb_dim) row, so a 1-D (emb_dim,) input comes back 2-D
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale.view(1, -1) * x * torch.rsqrt(mean_square + self.eps)


EXPECTED_CAUSE = "for a single vector too"
