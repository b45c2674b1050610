# MUTANT: each parameter counted as numel plus its number of dimensions
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() + p.dim() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = 'over by its number of dimensions'  # the check's message must name this
