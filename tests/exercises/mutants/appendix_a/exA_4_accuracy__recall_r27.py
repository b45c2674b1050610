# MUTANT: the recall of class 1 (right positives over true positives) instead of accuracy
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += ((predictions == 1) & (labels == 1)).sum().item()
            total += (labels == 1).sum().item()
    return correct / total


EXPECTED_CAUSE = "the recall of class 1"
