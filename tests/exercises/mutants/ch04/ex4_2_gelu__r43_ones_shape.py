# MUTANT: the 1 of (1 + tanh) made as torch.ones(x.shape): half inputs come back float32.
"""Exercise 4.2 (solution): the GELU activation (tanh approximation).

This exercise is ours; the book has no exercise on it.
"""

import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    """The GELU activation used by GPT-2, in its tanh approximation (§4.3).

    ``forward(x)`` works elementwise on any shape and returns
    ``0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x**3)))``.

    Values to expect: GELU(-1) = -0.1588, GELU(0) = 0, GELU(1) = 0.8412, GELU(3) = 2.9964.
    ``torch.nn.functional.gelu(x, approximate="tanh")`` computes the same thing, but write the
    formula yourself.
    """

    def __init__(self):
        super().__init__()

    def forward(self, x):
        inner = math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)
        return 0.5 * x * (torch.ones(x.shape) + torch.tanh(inner))

EXPECTED_CAUSE = "a float32 tensor made inside forward"
