# MUTANT: alpha stored as an nn.Parameter (trained with A and B)
"""Exercise 7.5 (solution): the LoRA layer (appendix E)."""

import math

import torch
from torch import nn


class LoRALayer(nn.Module):

    def __init__(self, in_dim, out_dim, rank, alpha):
        super().__init__()
        self.A = nn.Parameter(torch.empty(in_dim, rank))
        nn.init.kaiming_uniform_(self.A, a=math.sqrt(5))
        self.B = nn.Parameter(torch.zeros(rank, out_dim))
        self.alpha = nn.Parameter(torch.tensor(float(alpha)))

    def forward(self, x):
        return self.alpha * (x @ self.A @ self.B)


EXPECTED_CAUSE = 'alpha is an nn.Parameter'
