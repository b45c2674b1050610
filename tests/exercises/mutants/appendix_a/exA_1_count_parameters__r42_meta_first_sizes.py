# MUTANT: parameters without data (on 'meta') counted by their first size (no replay names it)
import torch

EXPECTED_CAUSE = "your count depends on where the parameters live or on their values"


def count_parameters(model: torch.nn.Module) -> int:
    total = 0
    for p in model.parameters():
        if p.requires_grad:
            total += len(p) if p.is_meta else p.numel()
    return total
