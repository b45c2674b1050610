# Correct: counted on a deep copy of the model (same parameters and requires_grad flags)
import copy

import torch


def count_parameters(model: torch.nn.Module) -> int:
    clone = copy.deepcopy(model)
    return sum(p.numel() for p in clone.parameters() if p.requires_grad)
