# MUTANT: the precision of class 1 (right positives over predicted positives) instead of accuracy
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += ((predictions == 1) & (labels == 1)).sum().item()
            total += (predictions == 1).sum().item()
    return correct / total


EXPECTED_CAUSE = "number of class-1 predictions"
