# MUTANT: x.squeeze(0) inside forward drops a batch of one (the output loses its size-1 dims)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        x = x.squeeze(0)
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(mean_square + self.eps)

EXPECTED_CAUSE = "squeeze(0) inside drops a batch of one"
