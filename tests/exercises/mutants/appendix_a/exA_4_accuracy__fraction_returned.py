# MUTANT: a fractions.Fraction returned instead of a float
from fractions import Fraction

import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            correct += (model(features).argmax(dim=1) == labels).sum().item()
            total += len(labels)
    return Fraction(correct, total)

EXPECTED_CAUSE = "a fractions.Fraction, not a Python float"
