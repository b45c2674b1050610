# MUTANT: counts only the first dimension of each parameter
"""Exercise A.1 (solution): count a model's trainable parameters."""

import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.shape[0] for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = 'p.shape[0]'
