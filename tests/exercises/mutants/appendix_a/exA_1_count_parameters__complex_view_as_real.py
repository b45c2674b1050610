# MUTANT: a complex parameter counted as two numbers per entry (torch.view_as_real)
import torch


def count_parameters(model):
    total = 0
    for p in model.parameters():
        if p.requires_grad:
            total += (torch.view_as_real(p) if p.is_complex() else p).numel()
    return total


EXPECTED_CAUSE = "each complex entry was counted as two numbers"
