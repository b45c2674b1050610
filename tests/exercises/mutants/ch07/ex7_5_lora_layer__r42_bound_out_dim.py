# MUTANT: A is drawn by hand from uniform(-1/sqrt(out_dim), 1/sqrt(out_dim)) (the bound uses
# out_dim, not A's fan-in, which is rank)
import math

import torch
from torch import nn


class LoRALayer(nn.Module):
    def __init__(self, in_dim, out_dim, rank, alpha):
        super().__init__()
        bound = 1 / math.sqrt(out_dim)
        self.A = nn.Parameter(torch.empty(in_dim, rank).uniform_(-bound, bound))
        self.B = nn.Parameter(torch.zeros(rank, out_dim))
        self.alpha = alpha

    def forward(self, x):
        return self.alpha * (x @ self.A @ self.B)

EXPECTED_CAUSE = "= 1/sqrt(out_dim) instead of 1/sqrt(rank)"
