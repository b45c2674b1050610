# MUTANT: pi approximated as 22/7 inside sqrt(2/pi)
import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2.0 / (22 / 7)) * (x + 0.044715 * x**3)))

EXPECTED_CAUSE = 'pi taken as 3.1429 = 22/7'
MIN_MARGIN = 4  # 22/7 for pi moves GELU by 5.1e-5 at most (tolerance 1e-5)
