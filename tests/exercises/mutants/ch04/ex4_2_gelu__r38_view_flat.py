# MUTANT: flattens with x.view(-1), which fails on a non-contiguous (transposed) input
import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        flat = x.view(-1)
        out = 0.5 * flat * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (flat + 0.044715 * flat**3)))
        return out.view(x.shape)

EXPECTED_CAUSE = 'view() needs a contiguous tensor'
