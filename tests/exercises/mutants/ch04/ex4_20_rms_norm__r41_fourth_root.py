# MUTANT: the square root taken twice, a fourth root of the mean of squares.
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x / torch.sqrt(torch.sqrt(ms + self.eps))


EXPECTED_CAUSE = "the root taken twice"
