# MUTANT: cubic coefficient 0.44715 instead of 0.044715 (typo).
import math

import torch
import torch.nn as nn


class GELU(nn.Module):

    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.44715 * x**3)))

EXPECTED_CAUSE = 'the cubic coefficient is 0.44715'
