# MUTANT: x is divided by its largest |x| before the RMS, so eps acts as eps * max|x|**2
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        peak = x.abs().amax(dim=-1, keepdim=True).clamp(min=1e-30)
        y = x / peak
        mean_square = y.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * y * torch.rsqrt(mean_square + self.eps)


EXPECTED_CAUSE = "eps is multiplied by max|x| squared"
