"""Mutant: the probabilities of the true classes added up instead of right predictions."""

import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            probs = torch.softmax(model(features), dim=1)
            correct += probs[torch.arange(len(labels)), labels].sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "a 'soft' accuracy"
