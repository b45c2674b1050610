# Correct: math.prod of each shape (1 for a scalar parameter), the same as numel()
import math

import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(math.prod(p.shape) for p in model.parameters() if p.requires_grad)
