# MUTANT: x**3 written as x * x.abs() (x squared with x's sign, not cubed)
import math

import torch
import torch.nn as nn

EXPECTED_CAUSE = "which is x**2 with x's sign"


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x * x.abs())))
