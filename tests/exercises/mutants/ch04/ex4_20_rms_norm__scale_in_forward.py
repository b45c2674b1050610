# MUTANT: the scale Parameter is created inside forward (fresh ones each call, none after __init__).
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.emb_dim = emb_dim

    def forward(self, x):
        self.scale = nn.Parameter(torch.ones(x.shape[-1]))
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(mean_square + self.eps)


EXPECTED_CAUSE = "it is created in forward"
