# MUTANT: forward reshapes x to (batch, -1, emb_dim) and never restores x's shape.
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        x = x.reshape(x.shape[0], -1, x.shape[-1])
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(mean_square + self.eps)


EXPECTED_CAUSE = "a reshape or view inside"
