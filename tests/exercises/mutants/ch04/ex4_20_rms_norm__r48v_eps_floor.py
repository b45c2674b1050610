# MUTANT: eps floored at 1e-6 "to avoid blow-ups" (max(self.eps, 1e-6)): a smaller eps, 0
# included, is replaced by 1e-6
import torch
import torch.nn as nn

EXPECTED_CAUSE = "max(eps, 1e-6), lifts it"


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(ms + max(self.eps, 1e-6))
