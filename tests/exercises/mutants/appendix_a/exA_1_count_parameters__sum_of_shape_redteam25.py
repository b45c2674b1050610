# MUTANT: each parameter's sizes added (sum(p.shape)) instead of multiplied
import torch


def count_parameters(model):
    return sum(sum(p.shape) for p in model.parameters() if p.requires_grad)

EXPECTED_CAUSE = "ADDS each parameter's sizes"
