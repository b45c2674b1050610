# MUTANT: GELU computed on |x| with the sign put back, sign(x) * GELU(|x|).
import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        a = x.abs()
        g = 0.5 * a * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (a + 0.044715 * a**3)))
        return torch.sign(x) * g

EXPECTED_CAUSE = "as if GELU were odd"
