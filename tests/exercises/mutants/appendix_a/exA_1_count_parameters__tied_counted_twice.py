# MUTANT: a parameter shared by two modules (weight tying) counted twice
import torch


def count_parameters(model: torch.nn.Module) -> int:
    total = 0
    for module in model.modules():
        for p in module.parameters(recurse=False):
            if p.requires_grad:
                total += p.numel()
    return total


EXPECTED_CAUSE = 'tied'  # the check's message must name this
