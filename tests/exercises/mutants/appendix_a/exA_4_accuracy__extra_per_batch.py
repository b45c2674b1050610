# MUTANT: one extra example counted per batch (fallback: the right counts over 8)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels) + 1
    return correct / total

EXPECTED_CAUSE = "one extra per batch"
