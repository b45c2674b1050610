# MUTANT: the class read as logits[:, 1] > 0 (a threshold), not the argmax
"""Exercise A.4 (solution): the accuracy of a classifier over a data loader."""

import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = (model(features)[:, 1] > 0).long()
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'threshold'
