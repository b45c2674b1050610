# Mutant: the mean of squares divided by n - 1 (the unbiased-variance habit).
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).sum(dim=-1, keepdim=True) / (x.shape[-1] - 1)
        return self.scale * x / torch.sqrt(ms + self.eps)


EXPECTED_CAUSE = 'divided by n - 1'
