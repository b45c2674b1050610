# Mutant: the L2 norm divided by emb_dim, not its root.
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        return self.scale * x / (x.norm(dim=-1, keepdim=True) / x.shape[-1] + self.eps)


EXPECTED_CAUSE = 'L2 norm over emb_dim'
