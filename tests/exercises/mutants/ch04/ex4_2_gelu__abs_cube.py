# MUTANT: cube of |x|: the cubic term has the wrong sign for negative inputs.
import math

import torch
import torch.nn as nn


class GELU(nn.Module):

    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x.abs() ** 3)))

EXPECTED_CAUSE = 'the cube is taken of |x|'
