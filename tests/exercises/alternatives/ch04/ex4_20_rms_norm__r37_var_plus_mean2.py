# Correct: the mean of squares as the biased variance plus the squared mean
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean = x.mean(dim=-1, keepdim=True)
        mean_square = x.var(dim=-1, keepdim=True, unbiased=False) + mean**2
        return self.scale * x * torch.rsqrt(mean_square + self.eps)
