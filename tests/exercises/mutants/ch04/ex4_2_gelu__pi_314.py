# MUTANT: pi hard-coded as 3.14.
"""Exercise 4.2: the GELU activation (tanh approximation)."""

import math

import torch
import torch.nn as nn


class GELU(nn.Module):

    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2.0 / 3.14) * (x + 0.044715 * x**3)))

EXPECTED_CAUSE = 'pi is rounded (3.14)'  # named in the message
MIN_MARGIN = 5  # pi = 3.14 moves GELU by 6.4e-5 at most on the float32 line
