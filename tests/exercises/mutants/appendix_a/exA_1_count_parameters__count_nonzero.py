# MUTANT: torch.count_nonzero counts only the non-zero entries (zero biases and shifts skipped)
import torch


def count_parameters(model):
    return sum(int(torch.count_nonzero(p)) for p in model.parameters() if p.requires_grad)

EXPECTED_CAUSE = "non-zero entries"
