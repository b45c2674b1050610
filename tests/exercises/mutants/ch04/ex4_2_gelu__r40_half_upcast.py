# MUTANT: bfloat16/float16 inputs upcast to float32 and the float32 result returned
import math

import torch
import torch.nn as nn

EXPECTED_CAUSE = 'result is never cast back'


class GELU(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        if x.dtype in (torch.float16, torch.bfloat16):
            x = x.float()
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))
