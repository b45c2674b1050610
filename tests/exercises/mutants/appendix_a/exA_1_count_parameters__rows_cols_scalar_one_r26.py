# MUTANT: rows times columns for 2-D and up (Conv1d short), first size for 1-D, 1 for 0-D
import torch


def count_parameters(model: torch.nn.Module) -> int:
    total = 0
    for p in model.parameters():
        if not p.requires_grad:
            continue
        if p.dim() >= 2:
            total += p.shape[0] * p.shape[1]
        elif p.dim() == 1:
            total += p.shape[0]
        else:
            total += 1
    return total


EXPECTED_CAUSE = "rows times columns"
