# MUTANT: only floating-point parameters counted (`p.is_floating_point()`): complex parameters are
# skipped
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad and p.is_floating_point())


EXPECTED_CAUSE = 'False for a complex tensor'
