# MUTANT: negative inputs set to 0 (ReLU-like), GELU(-1) should be -0.1588
import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        y = 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))
        return torch.where(x > 0, y, torch.zeros_like(y))

EXPECTED_CAUSE = 'negative inputs give 0'
