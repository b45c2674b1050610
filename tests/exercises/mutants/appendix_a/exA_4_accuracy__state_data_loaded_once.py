# MUTANT: the first loader's batches kept in a global and scored by every call
import torch

EXPECTED_CAUSE = "keeps state between calls"

_batches = None


def compute_accuracy(model, dataloader):
    global _batches
    if _batches is None:
        _batches = list(dataloader)
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in _batches:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total
