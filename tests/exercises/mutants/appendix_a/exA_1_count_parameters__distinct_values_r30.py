# MUTANT: counts each parameter's distinct values (`p.unique().numel()`) instead of its elements
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.unique().numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = 'DISTINCT values'
