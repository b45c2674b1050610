# MUTANT: eps added only to tokens whose mean of squares is below eps
# (torch.where(ms < eps, ms + eps, ms)); the others miss eps inside the root.
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        ms = torch.where(ms < self.eps, ms + self.eps, ms)
        return self.scale * x * torch.rsqrt(ms)


EXPECTED_CAUSE = "eps is added to some tokens only"
