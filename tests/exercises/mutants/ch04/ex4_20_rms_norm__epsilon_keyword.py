# Mutant: the constructor's keyword is named epsilon, not eps.
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, epsilon=1e-6):
        super().__init__()
        self.eps = epsilon
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        return self.scale * x * torch.rsqrt(x.pow(2).mean(dim=-1, keepdim=True) + self.eps)


EXPECTED_CAUSE = "under that name"
