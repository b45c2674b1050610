# MUTANT: total adds labels.sum() instead of the number of labels
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            pred = model(features).argmax(dim=1)
            correct += (pred == labels).sum().item()
            total += labels.sum().item()
    return correct / total


EXPECTED_CAUSE = "label VALUES"
