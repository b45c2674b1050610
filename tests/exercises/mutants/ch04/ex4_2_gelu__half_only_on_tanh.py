# MUTANT: the 0.5 multiplies only tanh.
"""Exercise 4.2 (solution): the GELU activation (tanh approximation)."""

import math

import torch
import torch.nn as nn


class GELU(nn.Module):

    def forward(self, x):
        return x * (1 + 0.5 * torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))


EXPECTED_CAUSE = "the 0.5 multiplies only tanh"
