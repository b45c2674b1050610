# MUTANT: eps made keyword-only (`*, eps=1e-6`), so RMSNorm(emb_dim, 1e-5) raises TypeError
import torch
import torch.nn as nn

EXPECTED_CAUSE = "eps is keyword-only"


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, *, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(ms + self.eps)
