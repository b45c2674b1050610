# Correct: a deep copy scored in eval mode (the caller's model keeps its own mode)
import copy

import torch


def compute_accuracy(model, dataloader):
    scorer = copy.deepcopy(model).eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(scorer(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total
