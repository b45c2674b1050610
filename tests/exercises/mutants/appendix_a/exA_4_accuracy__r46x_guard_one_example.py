# MUTANT: a guard against an empty loader written total > 1, so a loader of one example scores 0.0
import torch

EXPECTED_CAUSE = "a guard meant for an empty loader"


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total if total > 1 else 0.0
