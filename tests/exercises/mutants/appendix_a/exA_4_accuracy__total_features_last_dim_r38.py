# MUTANT: features.shape[-1] (the feature count) as each batch's size
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += features.shape[-1]
    return correct / total

EXPECTED_CAUSE = "the number of features"
