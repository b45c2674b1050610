# MUTANT: the running product of sizes starts once, outside the loop over parameters
import torch


def count_parameters(model: torch.nn.Module) -> int:
    total = 0
    n = 1
    for p in model.parameters():
        if not p.requires_grad:
            continue
        for s in p.shape:
            n *= s
        total += n
    return total

EXPECTED_CAUSE = "a product that is never reset"
