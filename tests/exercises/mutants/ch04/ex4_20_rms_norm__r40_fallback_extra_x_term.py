# MUTANT: a stray 0.1 * x added to the normalised output (no replay: the fallback names it)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(ms + self.eps) + 0.1 * x


EXPECTED_CAUSE = "plus 0.1 * x"
