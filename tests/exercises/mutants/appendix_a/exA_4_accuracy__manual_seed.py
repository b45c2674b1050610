# MUTANT: seeds the global RNG inside the accuracy function
import torch


def compute_accuracy(model, dataloader):
    torch.manual_seed(123)
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "your code calls torch.manual_seed"
