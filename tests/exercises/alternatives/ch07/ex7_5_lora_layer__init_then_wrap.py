# Correct: tensors initialised first and then wrapped in nn.Parameter, torch.matmul, alpha last
import math

import torch
from torch import nn


class LoRALayer(nn.Module):
    def __init__(self, in_dim: int, out_dim: int, rank: int, alpha: float):
        super().__init__()
        A = torch.empty(in_dim, rank, dtype=torch.float32)
        nn.init.kaiming_uniform_(A, a=math.sqrt(5))
        self.A = nn.Parameter(A)
        self.B = nn.Parameter(torch.zeros(rank, out_dim, dtype=torch.float32))
        self.alpha = alpha

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.matmul(torch.matmul(x, self.A), self.B) * self.alpha
