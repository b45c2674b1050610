# MUTANT: a batch counts as correct only when all its predictions are right (.all() per batch)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += int((predictions == labels).all()) * len(labels)
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "every prediction in it is right"
