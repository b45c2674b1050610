# Correct: x @ (A @ B) (the product of the two matrices first), alpha via torch.mul

import torch
import torch.nn as nn


class LoRALayer(nn.Module):
    def __init__(self, in_dim, out_dim, rank, alpha):
        super().__init__()
        self.A = nn.Parameter(torch.empty(in_dim, rank))
        self.B = nn.Parameter(torch.zeros(rank, out_dim))
        torch.nn.init.kaiming_uniform_(self.A, a=5 ** 0.5)
        self.alpha = alpha

    def forward(self, x):
        delta_w = self.A @ self.B  # (in_dim, out_dim)
        return torch.mul(x @ delta_w, self.alpha)
