# MUTANT: the leaf test is inverted (`not p.is_leaf`): parameters are leaves, so nothing is counted
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad and not p.is_leaf)


EXPECTED_CAUSE = 'your code reads p.is_leaf'
