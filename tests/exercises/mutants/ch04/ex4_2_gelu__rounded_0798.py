# MUTANT: sqrt(2/pi) rounded to 0.798
import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(0.798 * (x + 0.044715 * x**3)))


# 0.798 is 1.5e-5 relative to sqrt(2/pi): the float32 case sees 3.7e-5 against 1e-5 rounding
# room; the float64 case, run after it, is 300 tolerances away.
MIN_MARGIN = 3
EXPECTED_CAUSE = 'rounded to 0.798'
