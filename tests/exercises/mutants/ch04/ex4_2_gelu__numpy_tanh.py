# MUTANT: np.tanh on the tensor (a NumPy array, no gradient).
import math

import numpy as np
import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * (1 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))

EXPECTED_CAUSE = 'NumPy function'
