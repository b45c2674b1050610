# MUTANT: sizes multiplied with np.prod(..., dtype=np.int32): a huge parameter overflows
import numpy as np
import torch


def count_parameters(model: torch.nn.Module) -> int:
    total = 0
    for p in model.parameters():
        if p.requires_grad:
            total += int(np.prod(p.shape, dtype=np.int32))
    return total

EXPECTED_CAUSE = "wrapped around a 32-bit integer"
