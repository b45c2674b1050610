# MUTANT: torch.atanh (inverse hyperbolic tangent) in place of torch.tanh
import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * (1 + torch.atanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))

EXPECTED_CAUSE = 'torch.atanh (the inverse hyperbolic tangent'
