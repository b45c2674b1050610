# MUTANT: computes the formula in float16 and casts back (precision lost).
import math

import torch
import torch.nn as nn


class GELU(nn.Module):

    def __init__(self):
        super().__init__()

    def forward(self, x):
        h = x.half()
        out = 0.5 * h * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (h + 0.044715 * h**3)))
        return out.to(x.dtype)

EXPECTED_CAUSE = 'torch.float16 number'
