# MUTANT: returns scale * rsqrt(mean(x**2) + eps) and forgets to multiply x by it.
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * torch.rsqrt(mean_square + self.eps)


EXPECTED_CAUSE = "x itself is missing"
