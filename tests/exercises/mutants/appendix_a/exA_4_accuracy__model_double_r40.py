# MUTANT: the caller's model and the features cast to float64 (model.double())
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    model.double()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features.double()), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "casts the caller's model"  # the check's message must name this
