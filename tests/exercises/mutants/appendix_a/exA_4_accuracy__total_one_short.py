# MUTANT: one example too few added to the total for every batch
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            correct += (model(features).argmax(dim=1) == labels).sum().item()
            total += len(labels) - 1
    return correct / total


EXPECTED_CAUSE = "one short for every batch"
