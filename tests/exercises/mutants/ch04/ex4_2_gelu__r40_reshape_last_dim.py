# MUTANT: reshaped with x.shape[-1], which a 0-d input does not have
import math

import torch
import torch.nn as nn

EXPECTED_CAUSE = 'a 0-d tensor (one number) included'


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        flat = x.reshape(-1, x.shape[-1])
        out = 0.5 * flat * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (flat + 0.044715 * flat**3)))
        return out.reshape(x.shape)
