# MUTANT: eps added only where the mean of squares is 0 (a division guard)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        mean_square = torch.where(mean_square == 0, mean_square + self.eps, mean_square)
        return self.scale * x * torch.rsqrt(mean_square)

EXPECTED_CAUSE = "only guards rows of zeros"
