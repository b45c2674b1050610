# MUTANT: the leading factor is |x|, so negative inputs give -GELU(x)
import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        inner = math.sqrt(2 / math.pi) * (x + 0.044715 * torch.pow(x, 3))
        return 0.5 * torch.abs(x) * (1 + torch.tanh(inner))

EXPECTED_CAUSE = 'the leading factor is |x|'
