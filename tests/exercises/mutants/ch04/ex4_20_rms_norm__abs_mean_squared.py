# MUTANT: the mean of |x|, squared, in place of the mean of the squares (so it divides by mean |x|).
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x.abs().mean(dim=-1, keepdim=True) ** 2
        return self.scale * x * torch.rsqrt(mean_square + self.eps)


EXPECTED_CAUSE = "you divided by the mean of |x|"
