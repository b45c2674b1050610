# MUTANT: tanh written by hand with exp: inf/inf gives NaN for large inputs (numerically unstable)
import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        z = math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)
        e = torch.exp(2 * z)
        return 0.5 * x * (1 + (e - 1) / (e + 1))


EXPECTED_CAUSE = 'tanh written by hand with exp'
