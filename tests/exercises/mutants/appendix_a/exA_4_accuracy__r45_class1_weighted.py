# MUTANT: examples of class 1 weighted 2 in both the right count and the total
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            weight = 1 + (labels == 1).long()
            correct += ((predictions == labels).long() * weight).sum().item()
            total += weight.sum().item()
    return correct / total


EXPECTED_CAUSE = "each example of class 1 counted 2 times"
