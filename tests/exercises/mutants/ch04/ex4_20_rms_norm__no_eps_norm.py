# MUTANT: x / x.norm() * sqrt(d): eps left out entirely
import torch
import torch.nn as nn


class RMSNorm(nn.Module):

    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        return self.scale * x / x.norm(dim=-1, keepdim=True) * x.shape[-1] ** 0.5


EXPECTED_CAUSE = 'eps is missing'
