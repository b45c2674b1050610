# MUTANT: parameters seen kept in a list, tested with `p in seen` (tensors compared with ==)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    seen = []
    total = 0
    for p in model.parameters():
        if p in seen:
            continue
        seen.append(p)
        if p.requires_grad:
            total += p.numel()
    return total


EXPECTED_CAUSE = "compares parameters with each other by value"
