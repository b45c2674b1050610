# MUTANT: x @ A clamped to [-0.5, 0.5] before B (no replay matches: the fallback names it)
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
        return self.alpha * ((x @ self.A).clamp(-0.5, 0.5) @ self.B)


EXPECTED_CAUSE = 'element-wise, rising function of x @ A'
