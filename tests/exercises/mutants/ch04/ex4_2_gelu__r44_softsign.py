# MUTANT: softsign z / (1 + |z|) in place of tanh.
import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        z = math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)
        return 0.5 * x * (1 + z / (1 + z.abs()))


EXPECTED_CAUSE = 'this uses softsign'
