# MUTANT: every 2-D weight counted twice (fallback: the difference is every weight)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    total = 0
    for p in model.parameters():
        if p.requires_grad:
            total += 2 * p.numel() if p.dim() == 2 else p.numel()
    return total

EXPECTED_CAUSE = "every parameter named weight"
