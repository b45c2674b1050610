# MUTANT: the shortcut added inside the norm, x + scale * x / rms
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(ms + self.eps) + x


EXPECTED_CAUSE = "a shortcut x + norm(x) belongs in the transformer block"
