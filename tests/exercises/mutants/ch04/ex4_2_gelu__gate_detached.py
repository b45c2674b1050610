# MUTANT: tanh gate computed under no_grad/detached: wrong gradient.
"""Exercise 4.2 (solution): the GELU activation (tanh approximation)."""

import math

import torch
import torch.nn as nn


class GELU(nn.Module):

    def __init__(self):
        super().__init__()

    def forward(self, x):
        gate = torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)).detach()
        return 0.5 * x * (1 + gate)


EXPECTED_CAUSE = "does not flow through tanh"
