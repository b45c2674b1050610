# MUTANT: inputs with |x| > 4 are replaced by ReLU (a 'stability' shortcut).
import math

import torch
import torch.nn as nn


class GELU(nn.Module):

    def __init__(self):
        super().__init__()

    def forward(self, x):
        out = 0.5 * x * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))
        return torch.where(x.abs() > 4, torch.relu(x), out)

EXPECTED_CAUSE = 'for |x| > 4 you return ReLU(x)'
MIN_MARGIN = 5  # GELU(-4.05) = -5.5e-5 where this returns 0 (tolerance 1e-5)
