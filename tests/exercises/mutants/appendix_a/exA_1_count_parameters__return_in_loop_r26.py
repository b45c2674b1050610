# MUTANT: `return total` inside the for loop: the first trainable parameter alone
import torch


def count_parameters(model: torch.nn.Module) -> int:
    total = 0
    for p in model.parameters():
        if p.requires_grad:
            total += p.numel()
            return total
    return total


EXPECTED_CAUSE = "FIRST trainable parameter alone"
