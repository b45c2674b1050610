# MUTANT: sqrt(2 / pi) stored as np.float32 and the formula factored as x * (1 + c * x * x).
import math

import numpy as np
import torch
import torch.nn as nn

EXPECTED_CAUSE = "np.float32"


class GELU(nn.Module):
    def __init__(self):
        super().__init__()
        self.c = np.float32(math.sqrt(2.0 / math.pi))

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(float(self.c) * x * (1 + 0.044715 * x * x)))
