# MUTANT: total = len(labels) instead of total += ...: divides by the last batch's size only
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total = len(labels)
    return correct / total


EXPECTED_CAUSE = "LAST batch's size only"  # the check's message must name this
