# MUTANT: tanh computed on a float16 copy of its argument (z.half()) and cast
# back, so every gate is rounded to float16
"""Exercise 4.2: the GELU activation (tanh approximation)."""

import math

import torch
import torch.nn as nn

EXPECTED_CAUSE = "every tanh value in your output is a float16 number"


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        z = math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)
        return 0.5 * x * (1 + torch.tanh(z.half()).to(x.dtype))
