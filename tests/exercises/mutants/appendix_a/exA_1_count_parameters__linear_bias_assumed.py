# MUTANT: each layer's weight plus weight.shape[0] as its bias (a bias assumed everywhere)
import torch


def count_parameters(model):
    total = 0
    for m in model.modules():
        w = getattr(m, "weight", None)
        if isinstance(w, torch.nn.Parameter) and w.requires_grad:
            total += w.numel() + w.shape[0]
    return total


EXPECTED_CAUSE = "plus weight.shape[0] numbers as its bias"
