# MUTANT: precedence slip (ms + eps) ** -1/2, read as ((ms + eps) ** -1) / 2: no root, halved
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * (mean_square + self.eps) ** -1 / 2

EXPECTED_CAUSE = "is read by Python as ((ms + eps) ** -1) / 2"
