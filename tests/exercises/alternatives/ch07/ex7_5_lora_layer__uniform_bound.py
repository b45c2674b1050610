# Correct: Kaiming(a=sqrt(5)) written out: uniform(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = rank;
# register_parameter; F.linear with transposed matrices
import math

import torch
import torch.nn.functional as F
from torch import nn


class LoRALayer(nn.Module):
    def __init__(self, in_dim, out_dim, rank, alpha):
        super().__init__()
        self.register_parameter("A", nn.Parameter(torch.empty(in_dim, rank)))
        self.register_parameter("B", nn.Parameter(torch.zeros(rank, out_dim)))
        bound = 1.0 / math.sqrt(self.A.shape[1])  # kaiming_uniform_ with a=sqrt(5)
        with torch.no_grad():
            self.A.uniform_(-bound, bound)
        self.alpha = alpha

    def forward(self, x):
        return self.alpha * F.linear(F.linear(x, self.A.t()), self.B.t())
