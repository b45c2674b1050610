# MUTANT: math.e used in place of math.pi in sqrt(2/pi).
import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.e) * (x + 0.044715 * x**3)))


EXPECTED_CAUSE = 'sqrt(2 / e)'
