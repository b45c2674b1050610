# MUTANT: returns 1 - correct / total (the error rate)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return 1 - correct / total


EXPECTED_CAUSE = "subtracts from 1"
