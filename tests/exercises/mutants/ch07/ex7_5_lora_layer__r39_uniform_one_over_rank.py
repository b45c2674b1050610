# MUTANT: A drawn uniformly in +-1/rank (the square root forgotten), not +-1/sqrt(rank)
import torch
from torch import nn


class LoRALayer(nn.Module):
    def __init__(self, in_dim, out_dim, rank, alpha):
        super().__init__()
        self.A = nn.Parameter(torch.empty(in_dim, rank))
        nn.init.uniform_(self.A, -1 / rank, 1 / rank)
        self.B = nn.Parameter(torch.zeros(rank, out_dim))
        self.alpha = alpha

    def forward(self, x):
        return self.alpha * (x @ self.A @ self.B)


EXPECTED_CAUSE = "= 1/rank instead of 1/sqrt(rank)"
