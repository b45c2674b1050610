# Correct: A made as torch.empty(rank, in_dim).T (a non-contiguous (in_dim, rank) parameter), then
# Kaiming-initialised: the same shape, fan-in and distribution as the book's (other numbers).
import math

import torch
from torch import nn


class LoRALayer(nn.Module):
    def __init__(self, in_dim, out_dim, rank, alpha):
        super().__init__()
        self.A = nn.Parameter(torch.empty(rank, in_dim).T)
        nn.init.kaiming_uniform_(self.A, a=math.sqrt(5))
        self.B = nn.Parameter(torch.zeros(rank, out_dim))
        self.alpha = alpha

    def forward(self, x):
        return self.alpha * (x @ self.A @ self.B)
