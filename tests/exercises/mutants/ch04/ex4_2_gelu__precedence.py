# MUTANT: missing parentheses: 0.5*x*1 + tanh(...).
"""Exercise 4.2: the GELU activation (tanh approximation)."""

import math

import torch
import torch.nn as nn


class GELU(nn.Module):

    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * 1 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3))

EXPECTED_CAUSE = 'the parentheses are off'  # named in the message
