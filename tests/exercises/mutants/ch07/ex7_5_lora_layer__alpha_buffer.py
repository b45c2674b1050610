# MUTANT: alpha registered as a buffer, so the state_dict holds it next to A and B

import math

import torch
from torch import nn

EXPECTED_CAUSE = "registered buffer"


class LoRALayer(nn.Module):
    def __init__(self, in_dim, out_dim, rank, alpha):
        super().__init__()
        self.A = nn.Parameter(torch.empty(in_dim, rank))
        nn.init.kaiming_uniform_(self.A, a=math.sqrt(5))
        self.B = nn.Parameter(torch.zeros(rank, out_dim))
        self.register_buffer("alpha", torch.tensor(float(alpha)))

    def forward(self, x):
        return self.alpha * (x @ self.A @ self.B)
