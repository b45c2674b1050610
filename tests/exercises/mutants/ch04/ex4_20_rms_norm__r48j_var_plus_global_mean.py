# MUTANT: the mean of squares rebuilt as var + mean ** 2 (unbiased=False), but the mean is taken
# without dim, so every token adds the square of the whole tensor's mean
import torch
import torch.nn as nn

EXPECTED_CAUSE = "x.mean() has no dim"


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.var(dim=-1, keepdim=True, unbiased=False) + x.mean() ** 2
        return self.scale * x / torch.sqrt(ms + self.eps)
