# MUTANT: the constant sqrt(2/pi) registered as a buffer: an extra state_dict entry in every GELU
import math

import torch
import torch.nn as nn


class GELU(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("c", torch.tensor(math.sqrt(2.0 / math.pi)))

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(self.c * (x + 0.044715 * x**3)))


EXPECTED_CAUSE = "state_dict holds ['c']"
