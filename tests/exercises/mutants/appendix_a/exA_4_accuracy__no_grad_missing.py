# MUTANT: no torch.no_grad
"""Exercise A.4 (solution): the accuracy of a classifier over a data loader."""

import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    for features, labels in dataloader:
        predictions = torch.argmax(model(features), dim=1)
        correct += (predictions == labels).sum().item()
        total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'torch.no_grad()'
