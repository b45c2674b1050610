# MUTANT: A drawn from a torch.Generator of the layer's own seeded with 42
import math

import torch
from torch import nn


class LoRALayer(nn.Module):
    def __init__(self, in_dim, out_dim, rank, alpha):
        super().__init__()
        gen = torch.Generator().manual_seed(42)
        self.A = nn.Parameter(torch.empty(in_dim, rank))
        nn.init.kaiming_uniform_(self.A, a=math.sqrt(5), generator=gen)
        self.B = nn.Parameter(torch.zeros(rank, out_dim))
        self.alpha = alpha

    def forward(self, x):
        return self.alpha * (x @ self.A @ self.B)


EXPECTED_CAUSE = "Generator of the layer's own seeded with 42"
