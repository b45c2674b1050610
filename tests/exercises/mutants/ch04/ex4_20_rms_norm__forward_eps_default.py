# Mutant: eps stored, but forward uses its own default 1e-6.
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x, eps=1e-6):
        return self.scale * x * torch.rsqrt(x.pow(2).mean(dim=-1, keepdim=True) + eps)


EXPECTED_CAUSE = "use self.eps in forward"
