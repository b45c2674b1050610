# MUTANT: scale of shape (1,): ones at init, so the output coincides until scale is trained
import torch
import torch.nn as nn

EXPECTED_CAUSE = "the size is fixed in the code"


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(1))

    def forward(self, x):
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(mean_square + self.eps)
