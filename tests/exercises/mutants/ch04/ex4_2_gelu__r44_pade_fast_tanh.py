# MUTANT: a rational 'fast tanh' in place of tanh (no replay: the fallback reads it back).
import math

import torch
import torch.nn as nn


def fast_tanh(z):
    return (z * (27 + z * z) / (27 + 9 * z * z)).clamp(-1.0, 1.0)


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * (1 + fast_tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))


EXPECTED_CAUSE = 'the function in place of tanh is not tanh'
