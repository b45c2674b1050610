# MUTANT: the mean of squares is squeezed, so one token per sequence broadcasts wrongly
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x.pow(2).mean(dim=-1).squeeze()
        return self.scale * x * torch.rsqrt(mean_square + self.eps).unsqueeze(-1)


EXPECTED_CAUSE = "an axis of size 1 (the single token) was dropped"
