# MUTANT: F.gelu(x, approximate="tanh"): right values, but not the formula written out
"""Exercise 4.2: the GELU activation (tanh approximation).

This exercise is ours; the book has no exercise on it.

Edit this file, then check it with ``python -m llmscratch check ch04``.
The answer is in ../solutions/ex4_2_gelu.py (try first!).
"""

import math

import torch
import torch.nn as nn

EXPECTED_CAUSE = "calls torch's own GELU"


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
        pass

    def forward(self, x):
        return torch.nn.functional.gelu(x, approximate="tanh")
