# MUTANT: a whole batch counted right when any of its examples is right (`.any()`)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += len(labels) * (predictions == labels).any().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'when ANY of its predictions is right'
