# MUTANT: counts only the modules' .weight and .bias attributes
import torch


def count_parameters(model):
    total = 0
    for m in model.modules():
        for name in ('weight', 'bias'):
            p = getattr(m, name, None)
            if isinstance(p, torch.nn.Parameter) and p.requires_grad:
                total += p.numel()
    return total

EXPECTED_CAUSE = "only each module's .weight and .bias attributes"
