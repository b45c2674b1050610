# MUTANT: both constants kept as np.float32 class attributes, so float64 inputs use rounded ones.
import math

import numpy as np
import torch
import torch.nn as nn

EXPECTED_CAUSE = "both constants are rounded to float32"


class GELU(nn.Module):
    ROOT = np.float32(math.sqrt(2.0 / math.pi))
    CUBIC = np.float32(0.044715)

    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(float(self.ROOT) * (x + float(self.CUBIC) * x**3)))
