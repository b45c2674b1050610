# MUTANT: a parameter of 2 or more dimensions counted as its first size times its last (rows times
# columns): a 3-D weight loses its middle size
import torch


def count_parameters(model: torch.nn.Module) -> int:
    total = 0
    for p in model.parameters():
        if not p.requires_grad:
            continue
        if p.dim() >= 2:
            total += p.shape[0] * p.shape[-1]
        else:
            total += p.numel()
    return total


EXPECTED_CAUSE = 'counted one at a time'
