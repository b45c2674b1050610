# MUTANT: only leaf modules' parameters counted (a container's own parameters missed)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    total = 0
    for module in model.modules():
        if len(list(module.children())) == 0:
            total += sum(p.numel() for p in module.parameters() if p.requires_grad)
    return total


EXPECTED_CAUSE = 'leaf modules'  # the check's message must name this
