# MUTANT: parameters counted twice, once for the weights and once for their gradients (numel * 2)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(2 * p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "TWICE the right count"
