# MUTANT: the sum of squares is divided by x.shape[1] (the tokens of a 3-D input)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x.pow(2).sum(dim=-1, keepdim=True) / x.shape[1]
        return self.scale * x * torch.rsqrt(mean_square + self.eps)


EXPECTED_CAUSE = "3 is x.shape[1] here, the tokens"
