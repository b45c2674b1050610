# MUTANT: features moved to next(model.parameters()).device, which crashes (StopIteration) for a
#   model without parameters
import torch

EXPECTED_CAUSE = 'next(model.parameters()) has nothing to give'


def compute_accuracy(model, dataloader):
    model.eval()
    device = next(model.parameters()).device
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            features, labels = features.to(device), labels.to(device)
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total
