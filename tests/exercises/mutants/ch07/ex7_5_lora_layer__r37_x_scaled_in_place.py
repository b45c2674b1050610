# MUTANT: the input x scaled by alpha in place (x.mul_(alpha)), changing the caller's tensor
import math

import torch
from torch import nn


class LoRALayer(nn.Module):
    def __init__(self, in_dim, out_dim, rank, alpha):
        super().__init__()
        self.A = nn.Parameter(torch.empty(in_dim, rank))
        nn.init.kaiming_uniform_(self.A, a=math.sqrt(5))
        self.B = nn.Parameter(torch.zeros(rank, out_dim))
        self.alpha = alpha

    def forward(self, x):
        x = x.mul_(self.alpha)
        return x @ self.A @ self.B


EXPECTED_CAUSE = 'changed its input x in place'
