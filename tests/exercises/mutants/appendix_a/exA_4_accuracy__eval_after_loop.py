# MUTANT: model.eval() after the scoring loop
import torch


def compute_accuracy(model, dataloader):
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            correct += (model(features).argmax(dim=1) == labels).sum().item()
            total += len(labels)
    model.eval()
    return correct / total


EXPECTED_CAUSE = "model.eval() comes after the scoring loop"
