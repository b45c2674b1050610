# MUTANT: numel as shape[0] * shape[1] (1-D and 3-D parameters wrong)
import torch


def count_parameters(model):
    total = 0
    for p in model.parameters():
        if p.requires_grad:
            total += p.shape[0] * (p.shape[1] if p.dim() > 1 else 1)
    return total


EXPECTED_CAUSE = "rows times columns"  # the check's message must name this
