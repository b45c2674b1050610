# MUTANT: counts predictions != labels (the errors), not the right ones
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for features, labels in dataloader:
            correct += (model(features).argmax(dim=1) != labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'predictions != labels'
