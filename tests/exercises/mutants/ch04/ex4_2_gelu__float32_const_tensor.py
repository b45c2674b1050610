# MUTANT: sqrt(2/pi) stored as a float32 tensor: float64 inputs lose precision.
import math

import torch
import torch.nn as nn


class GELU(nn.Module):

    def __init__(self):
        super().__init__()
        self.c = torch.tensor(math.sqrt(2.0 / math.pi))

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(self.c * (x + 0.044715 * x**3)))

EXPECTED_CAUSE = 'a constant is a float32 tensor'
