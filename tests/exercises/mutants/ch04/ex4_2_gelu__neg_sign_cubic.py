# MUTANT: the cubic term dropped for negative x.
import math

import torch
import torch.nn as nn


class GELU(nn.Module):

    def __init__(self):
        super().__init__()

    def forward(self, x):
        cubic = torch.where(x > 0, x**3, torch.zeros_like(x))  # lost for negative x
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * cubic)))

EXPECTED_CAUSE = 'for positive x yours is right'
