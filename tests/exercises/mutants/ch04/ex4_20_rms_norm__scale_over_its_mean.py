# MUTANT: the scale divided by its own mean (normalised), so every output is off by one constant
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale / self.scale.mean() * x * torch.rsqrt(ms + self.eps)


EXPECTED_CAUSE = "in every token and every feature"
