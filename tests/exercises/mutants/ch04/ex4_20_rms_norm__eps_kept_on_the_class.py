# MUTANT: the first layer's eps kept as a class attribute and reused by later layers
import torch
import torch.nn as nn


class RMSNorm(nn.Module):

    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        if not hasattr(RMSNorm, "EPS"):
            RMSNorm.EPS = eps
        self.eps = RMSNorm.EPS
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(mean_square + self.eps)


EXPECTED_CAUSE = "keeps state between calls"
