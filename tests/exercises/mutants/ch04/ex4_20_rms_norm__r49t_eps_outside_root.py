# MUTANT: eps added outside the root: x / (sqrt(mean(x**2)) + eps)
import torch
import torch.nn as nn

EXPECTED_CAUSE = "eps is added outside the square root"


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x / (torch.sqrt(mean_square) + self.eps)
