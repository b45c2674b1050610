# MUTANT: eps kept in a module-level global set by every constructor (the last layer wins)
import torch
import torch.nn as nn

EXPECTED_CAUSE = "the eps of the layer built LAST"


EPS = 1e-6


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        global EPS
        EPS = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(ms + EPS)
