# MUTANT: functools.lru_cache: a model scored again after training keeps its score
import functools

import torch

EXPECTED_CAUSE = "keeps state between calls"


@functools.lru_cache
def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total
