# MUTANT: A drawn as a (rank, in_dim) Linear weight, then transposed
"""Exercise 7.5 (solution): the LoRA layer (appendix E)."""

import math

import torch
from torch import nn


class LoRALayer(nn.Module):

    def __init__(self, in_dim, out_dim, rank, alpha):
        super().__init__()
        w = torch.empty(rank, in_dim)
        nn.init.kaiming_uniform_(w, a=math.sqrt(5))
        self.A = nn.Parameter(w.T.contiguous())
        self.B = nn.Parameter(torch.zeros(rank, out_dim))
        self.alpha = alpha

    def forward(self, x):
        return self.alpha * (x @ self.A @ self.B)


EXPECTED_CAUSE = 'drawn as a Linear weight'
