# MUTANT: the input flattened with view(), which raises on a non-contiguous input
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
        flat = x.view(-1, x.shape[-1])
        out = self.alpha * (flat @ self.A @ self.B)
        return out.view(*x.shape[:-1], out.shape[-1])

EXPECTED_CAUSE = "view() needs a contiguous tensor"
