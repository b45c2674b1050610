# MUTANT: the scale multiplied under the square root: x * sqrt(scale / ms)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).mean(-1, keepdim=True)
        return x * torch.sqrt(self.scale / (ms + self.eps))


EXPECTED_CAUSE = "the scale went under the square root"
