# MUTANT: math.tanh (Python numbers only) used on a tensor.
"""Exercise 4.2 (solution): the GELU activation (tanh approximation)."""

import math

import torch
import torch.nn as nn


class GELU(nn.Module):

    def forward(self, x):
        return 0.5 * x * (1 + math.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))


EXPECTED_CAUSE = "a function for Python numbers"
