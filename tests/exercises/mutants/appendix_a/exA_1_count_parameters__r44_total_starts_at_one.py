# MUTANT: the total starts at 1 (copied from a product loop), every count one too many (round 44)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    total = 1
    for p in model.parameters():
        if p.requires_grad:
            total += p.numel()
    return total
EXPECTED_CAUSE = "a constant added once per call"
