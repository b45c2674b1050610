# MUTANT: eps made in forward as a one-element CPU tensor (torch.full((1,), eps)), so a call on
# another device (meta/CUDA) fails
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        eps = torch.full((1,), self.eps)
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x / torch.sqrt(mean_square + eps)


EXPECTED_CAUSE = "torch.full((1,), eps)"
