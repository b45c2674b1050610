# MUTANT: wrong cubic coefficient 0.0044715 (a digit added).
import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.0044715 * x**3)))


EXPECTED_CAUSE = 'cubic coefficient is 0.0044715'
