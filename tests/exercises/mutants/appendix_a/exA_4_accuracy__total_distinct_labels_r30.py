# MUTANT: the total counts the distinct labels of each batch (labels.unique().numel())
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += labels.unique().numel()
    return correct / total


EXPECTED_CAUSE = 'DISTINCT labels'
