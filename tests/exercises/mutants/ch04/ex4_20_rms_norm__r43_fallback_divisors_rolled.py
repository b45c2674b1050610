# MUTANT: each token divided by the previous token's root (the fallback names the roll)
import torch
import torch.nn as nn

EXPECTED_CAUSE = "Your divisors: every one sits one position later"


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(ms + self.eps).roll(1, dims=-2)
