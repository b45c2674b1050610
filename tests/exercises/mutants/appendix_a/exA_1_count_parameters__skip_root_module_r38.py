# MUTANT: list(model.modules())[1:] with recurse=False: the model's own parameters are lost
import torch


def count_parameters(model: torch.nn.Module) -> int:
    total = 0
    for module in list(model.modules())[1:]:  # the first one is the whole model
        for p in module.parameters(recurse=False):
            if p.requires_grad:
                total += p.numel()
    return total

EXPECTED_CAUSE = "skipping that first entry"
