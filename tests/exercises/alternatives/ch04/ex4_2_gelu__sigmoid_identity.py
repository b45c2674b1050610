# Correct: the exact identity 0.5 (1 + tanh(z)) = sigmoid(2 z), so GELU = x * sigmoid(2 z)
import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        z = math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)
        return x * torch.sigmoid(2.0 * z)
