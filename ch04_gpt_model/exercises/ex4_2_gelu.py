"""Exercise 4.2: the GELU activation (tanh approximation).

This exercise is ours; the book has no exercise on it.

Edit this file, then check it with ``python -m llmscratch check ch04``.
The answer is in ../solutions/ex4_2_gelu.py (try first!).
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
    formula yourself. Keep the result in the input's dtype and precision: the check also tries
    float64 inputs, so take sqrt(2 / pi) as a Python float (``math.sqrt``); the book's
    ``torch.sqrt(torch.tensor(2.0 / torch.pi))`` is a float32 tensor, fine for float32 only.
    """

    def __init__(self):
        super().__init__()
        raise NotImplementedError("your code here")

    def forward(self, x):
        raise NotImplementedError("your code here")
