# MUTANT: a parameter (bias=False) put before eps, so RMSNorm(emb_dim, 1e-5) sets bias
import torch
import torch.nn as nn

EXPECTED_CAUSE = "does not reach eps"


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, bias=False, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(ms + self.eps)
