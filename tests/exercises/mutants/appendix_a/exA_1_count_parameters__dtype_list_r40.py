# MUTANT: only float32 and float64 parameters counted (a dtype list)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    total = 0
    for p in model.parameters():
        if p.requires_grad and p.dtype in (torch.float32, torch.float64):
            total += p.numel()
    return total


EXPECTED_CAUSE = 'keeps only some dtypes'  # the check's message must name this
