# Correct: einsum for the two products, B registered before A (zeros draw nothing)
import math

import torch
from torch import nn


class LoRALayer(nn.Module):
    def __init__(self, in_dim, out_dim, rank, alpha):
        super().__init__()
        self.B = nn.Parameter(torch.zeros(rank, out_dim))
        self.A = nn.Parameter(torch.empty(in_dim, rank))
        nn.init.kaiming_uniform_(self.A, a=math.sqrt(5))
        self.alpha = alpha

    def forward(self, x):
        low_rank = torch.einsum("...i,ir->...r", x, self.A)
        return self.alpha * torch.einsum("...r,ro->...o", low_rank, self.B)
