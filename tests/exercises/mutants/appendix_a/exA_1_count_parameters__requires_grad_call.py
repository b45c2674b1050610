# MUTANT: p.requires_grad_() called as the filter: counts frozen ones and unfreezes them
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad_())


EXPECTED_CAUSE = 'without parentheses'  # the check's message must name this
