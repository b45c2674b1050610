# MUTANT: input clamped to [-10, 10] for 'stability': large inputs give wrong outputs.
import math

import torch
import torch.nn as nn


class GELU(nn.Module):

    def __init__(self):
        super().__init__()

    def forward(self, x):
        x = x.clamp(-10.0, 10.0)
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))

EXPECTED_CAUSE = 'the input is clamped'
