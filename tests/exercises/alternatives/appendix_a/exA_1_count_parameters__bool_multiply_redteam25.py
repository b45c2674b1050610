# Correct: numel times the bool requires_grad (0 for a frozen parameter)
import torch


def count_parameters(model):
    return sum(p.numel() * p.requires_grad for p in model.parameters())
