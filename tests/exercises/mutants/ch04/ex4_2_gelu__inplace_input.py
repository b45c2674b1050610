# MUTANT: modifies the input in place (x += 0.044715 * x**3).
"""Exercise 4.2 (solution): the GELU activation (tanh approximation)."""

import math

import torch
import torch.nn as nn


class GELU(nn.Module):

    def __init__(self):
        super().__init__()

    def forward(self, x):
        inner = x
        inner += 0.044715 * x**3
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * inner))

EXPECTED_CAUSE = 'changed its input in place'  # named in the message
