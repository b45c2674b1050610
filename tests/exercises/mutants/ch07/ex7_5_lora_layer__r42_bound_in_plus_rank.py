# MUTANT: A drawn by hand from uniform(+-1/sqrt(in_dim + rank)) (a bound from both sizes, not
# kaiming's 1/sqrt(rank))
import math

import torch
from torch import nn


class LoRALayer(nn.Module):
    def __init__(self, in_dim, out_dim, rank, alpha):
        super().__init__()
        bound = 1 / math.sqrt(in_dim + rank)
        self.A = nn.Parameter(torch.empty(in_dim, rank).uniform_(-bound, bound))
        self.B = nn.Parameter(torch.zeros(rank, out_dim))
        self.alpha = alpha

    def forward(self, x):
        return self.alpha * (x @ self.A @ self.B)


EXPECTED_CAUSE = "the factor changes with the sizes"
