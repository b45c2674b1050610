# MUTANT: x clamped to [-1, 1] before normalising (fallback: only the sign is left)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        x = x.clamp(-1.0, 1.0)
        ms = x.pow(2).mean(-1, keepdim=True)
        return self.scale * x * torch.rsqrt(ms + self.eps)


EXPECTED_CAUSE = "so only the sign of x is left"
