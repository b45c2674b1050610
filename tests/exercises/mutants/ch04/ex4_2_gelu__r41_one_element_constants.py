# MUTANT: constants as 1-element CPU tensors: a 0-d input gets shape (1,), other devices fail
import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        c = torch.tensor([math.sqrt(2.0 / math.pi)], dtype=x.dtype)
        k = torch.tensor([0.044715], dtype=x.dtype)
        return 0.5 * x * (1 + torch.tanh(c * (x + k * x**3)))


EXPECTED_CAUSE = 'a one-element tensor'
