# MUTANT: each batch's right count squared
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item() ** 2
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'the count of right predictions is not'  # the check's message must name this
