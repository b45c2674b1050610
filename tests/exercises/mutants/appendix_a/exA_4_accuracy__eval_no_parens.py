# MUTANT: model.eval without parentheses (never called, model stays in training mode)
import torch


def compute_accuracy(model, dataloader):
    model.eval  # noqa: B018 - the mistake itself
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "names model.eval but never calls it"
