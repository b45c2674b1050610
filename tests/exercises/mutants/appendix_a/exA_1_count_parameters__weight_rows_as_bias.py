# MUTANT: each weight counted with a bias of its rows added, the real 1-D parameters skipped
import torch


def count_parameters(model: torch.nn.Module) -> int:
    total = 0
    for p in model.parameters():
        if not p.requires_grad:
            continue
        if p.dim() >= 2:
            total += p.numel() + p.shape[0]
    return total

EXPECTED_CAUSE = "every 2-D parameter over by its first size"
