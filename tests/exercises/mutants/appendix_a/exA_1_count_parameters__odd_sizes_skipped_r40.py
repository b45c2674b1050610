# MUTANT: parameters with an odd number of entries skipped
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad and p.numel() % 2 == 0)


EXPECTED_CAUSE = 'a test on p.numel() % 2'  # the check's message must name this
