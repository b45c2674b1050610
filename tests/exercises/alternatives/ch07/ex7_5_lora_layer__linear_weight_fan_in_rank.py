# Correct: A taken from nn.Linear(rank, in_dim).weight (shape (in_dim, rank), fan-in rank: the same
#   numbers), then the Linear's bias draw moves the generator afterwards
import torch
from torch import nn


class LoRALayer(nn.Module):
    def __init__(self, in_dim, out_dim, rank, alpha):
        super().__init__()
        self.A = nn.Parameter(nn.Linear(rank, in_dim).weight.detach().clone())
        self.B = nn.Parameter(torch.zeros(rank, out_dim))
        self.alpha = alpha

    def forward(self, x):
        return self.alpha * (x @ self.A @ self.B)
