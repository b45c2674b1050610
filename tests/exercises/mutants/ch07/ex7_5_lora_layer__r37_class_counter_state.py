# MUTANT: a class attribute counts the layers built; alpha halved from the third on
import math

import torch
from torch import nn


class LoRALayer(nn.Module):
    built = 0

    def __init__(self, in_dim, out_dim, rank, alpha):
        super().__init__()
        LoRALayer.built += 1
        self.A = nn.Parameter(torch.empty(in_dim, rank))
        nn.init.kaiming_uniform_(self.A, a=math.sqrt(5))
        self.B = nn.Parameter(torch.zeros(rank, out_dim))
        self.alpha = alpha if LoRALayer.built < 3 else alpha / 2

    def forward(self, x):
        return self.alpha * (x @ self.A @ self.B)


EXPECTED_CAUSE = 'keeps state between calls'
