# MUTANT: computes in float32 and casts back, so float64 inputs lose precision
import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        z = x.float()
        y = 0.5 * z * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (z + 0.044715 * z**3)))
        return y.to(x.dtype)


EXPECTED_CAUSE = 'the computation ran in torch.float32'
