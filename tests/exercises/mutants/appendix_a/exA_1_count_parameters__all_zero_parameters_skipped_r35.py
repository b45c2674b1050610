# MUTANT: parameters whose values are all zero (a zero bias or shift) are skipped (`p.any()`)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad and p.detach().any())


EXPECTED_CAUSE = "skips every parameter whose entries are ALL zero"
