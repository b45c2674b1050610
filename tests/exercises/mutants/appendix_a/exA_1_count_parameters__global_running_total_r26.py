# MUTANT: a global running total never reset: each call adds to the earlier counts
import torch

TOTAL = 0


def count_parameters(model: torch.nn.Module) -> int:
    global TOTAL
    for p in model.parameters():
        if p.requires_grad:
            TOTAL += p.numel()
    return TOTAL


EXPECTED_CAUSE = "adds its 752 to what the calls before it counted"
