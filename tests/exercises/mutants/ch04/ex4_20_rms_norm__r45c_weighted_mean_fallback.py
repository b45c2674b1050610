# MUTANT: the mean of squares weighted by a ramp over the features; no replay matches: the
# fallback says the divisor is too large for some tokens and too small for others.
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        w = torch.linspace(0.5, 1.5, x.shape[-1])
        ms = (x.pow(2) * w).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(ms + self.eps)


EXPECTED_CAUSE = "no single factor, power or eps explains it"
