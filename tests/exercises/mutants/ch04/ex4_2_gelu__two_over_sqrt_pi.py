# MUTANT: 2 / math.pi ** 0.5 (2 / sqrt(pi)) instead of sqrt(2 / pi).
import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(2 / math.pi ** 0.5 * (x + 0.044715 * x**3)))

EXPECTED_CAUSE = '2 / sqrt(pi)'
