# MUTANT: only the right predictions of class 0 counted (fallback: counts of class 0 alone)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += ((predictions == labels) & (labels == 0)).sum().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "right predictions of class 0 alone"
