# MUTANT: cubic term written 0.044715 * 3 * x instead of x**3.
"""Exercise 4.2 (solution): the GELU activation (tanh approximation)."""

import math

import torch
import torch.nn as nn


class GELU(nn.Module):

    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * 3 * x)))


EXPECTED_CAUSE = 'x**3 is written as 3 * x'
