# MUTANT: the output is passed through torch.nan_to_num, so inf and NaN come back as numbers.
import math

import torch
import torch.nn as nn

EXPECTED_CAUSE = "replaces non-finite values"


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        y = 0.5 * x * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))
        return torch.nan_to_num(y)  # "clean" the output
