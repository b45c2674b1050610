# MUTANT: sqrt(2 / pi) and 0.044715 kept as trainable nn.Parameter tensors.
import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()
        self.c = nn.Parameter(torch.tensor(math.sqrt(2.0 / math.pi)))
        self.k = nn.Parameter(torch.tensor(0.044715))

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(self.c * (x + self.k * x**3)))

EXPECTED_CAUSE = "trainable parameters ['c', 'k'] (nn.parameter)"
