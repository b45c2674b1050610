# MUTANT: sqrt(x**2 / (mean(x**2) + eps)) loses the sign of x
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))


    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * torch.sqrt(x.pow(2) / (ms + self.eps))


EXPECTED_CAUSE = "the sign of x is lost: yours is |x|"
