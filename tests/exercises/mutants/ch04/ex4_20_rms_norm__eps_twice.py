# MUTANT: eps added twice: to every square and again to the mean of squares (mean(x**2) + 2 eps)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = (x.pow(2) + self.eps).sum(dim=-1, keepdim=True) / x.shape[-1] + self.eps
        return self.scale * x * torch.rsqrt(ms)


EXPECTED_CAUSE = "twice eps: eps added two times"
