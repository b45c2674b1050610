# MUTANT: the running total is a float32 tensor, so a count past 2**24 is rounded (round 44)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    total = torch.zeros(())
    for p in model.parameters():
        if p.requires_grad:
            total += p.numel()
    return int(total.item())
EXPECTED_CAUSE = "added up in a float32 total"
