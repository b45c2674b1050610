# MUTANT: only the first layer's freezing honoured (the docstring's 752 - 90 read as the rule)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    params = list(model.parameters())
    total = sum(p.numel() for p in params)
    if params and not params[0].requires_grad:
        total -= params[0].numel() + (params[1].numel() if len(params) > 1 else 0)
    return total

EXPECTED_CAUSE = "honours freezing only in the FIRST layer"
