# MUTANT: returns tensor (.item() missing)
"""Exercise A.4 (solution): the accuracy of a classifier over a data loader."""

import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'returned a tensor'
