# MUTANT: returns a tuple (trainable, total) instead of the single int
import torch


def count_parameters(model):
    total = sum(p.numel() for p in model.parameters())
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return trainable, total

EXPECTED_CAUSE = "(trainable, total)"
