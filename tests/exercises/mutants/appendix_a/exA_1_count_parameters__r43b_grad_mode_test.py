# MUTANT: a parameter counted only while torch.is_grad_enabled() (0 under no_grad)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad and torch.is_grad_enabled())

EXPECTED_CAUSE = "depends on the global grad mode"
