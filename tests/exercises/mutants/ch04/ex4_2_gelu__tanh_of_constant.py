# MUTANT: tanh applied to the constant only, not to the bracket.
"""Exercise 4.2 (solution): the GELU activation (tanh approximation)."""

import math

import torch
import torch.nn as nn


class GELU(nn.Module):

    def __init__(self):
        super().__init__()

    def forward(self, x):
        c = torch.tanh(torch.tensor(math.sqrt(2.0 / math.pi)))
        return 0.5 * x * (1 + c * (x + 0.044715 * x**3))

EXPECTED_CAUSE = 'tanh is applied to the constant'  # named in the message
