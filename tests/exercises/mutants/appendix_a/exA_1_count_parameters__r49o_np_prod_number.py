# MUTANT: sizes multiplied with np.prod(p.shape): a NumPy number returned (float64 for a scalar)
import numpy as np
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(np.prod(p.shape) for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "a NumPy number (np.prod of a shape?)"
