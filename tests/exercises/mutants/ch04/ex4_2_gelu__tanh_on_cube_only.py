# MUTANT: tanh applied to sqrt(2/pi) * 0.044715 * x**3 only (the linear x term left out).
import math

import torch
import torch.nn as nn


class GELU(nn.Module):

    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (0.044715 * x**3)))

EXPECTED_CAUSE = 'no linear term'
