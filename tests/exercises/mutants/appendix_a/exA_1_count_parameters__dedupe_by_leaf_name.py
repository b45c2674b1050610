# MUTANT: parameters deduplicated by the last part of their name (first weight and bias only)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    seen = set()
    total = 0
    for name, p in model.named_parameters():
        key = name.split(".")[-1]
        if key in seen or not p.requires_grad:
            continue
        seen.add(key)
        total += p.numel()
    return total

EXPECTED_CAUSE = "ONE parameter per last name part"
