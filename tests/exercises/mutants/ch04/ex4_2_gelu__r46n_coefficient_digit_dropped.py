# MUTANT: the cubic coefficient typed with its last digit dropped, 0.04471 instead of 0.044715
import math

import torch
import torch.nn as nn

EXPECTED_CAUSE = "the cubic coefficient is 0.04471, not 0.044715"


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.04471 * x**3)))
