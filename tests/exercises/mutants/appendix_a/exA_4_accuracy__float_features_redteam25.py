# MUTANT: features cast with .float() before the model (a float64 model refuses them)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features.float()), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "casts the features before the forward pass"
