# MUTANT: the mean of squares skips each vector's first value (x[..., 1:])
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x[..., 1:].pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(mean_square + self.eps)
EXPECTED_CAUSE = "without its first value"
