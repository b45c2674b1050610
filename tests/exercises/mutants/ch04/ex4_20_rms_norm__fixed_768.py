# Mutant: the sum of squares divided by GPT-2's width 768.
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        return self.scale * x * torch.rsqrt(x.pow(2).sum(-1, keepdim=True) / 768 + self.eps)


EXPECTED_CAUSE = 'divided by 768'
