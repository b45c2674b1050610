# MUTANT: sqrt(2 / pi) multiplies tanh from outside.
"""Exercise 4.2 (solution): the GELU activation (tanh approximation)."""

import math

import torch
import torch.nn as nn


class GELU(nn.Module):

    def forward(self, x):
        return 0.5 * x * (1 + math.sqrt(2.0 / math.pi) * torch.tanh(x + 0.044715 * x**3))


EXPECTED_CAUSE = "multiplies tanh(...) from outside"
