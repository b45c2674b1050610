# MUTANT: total starts at 1 (one too many examples)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 1
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "your total is one too large whatever the batches"
