# MUTANT: total counts features.numel() (examples times features) instead of examples
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for features, labels in dataloader:
            pred = torch.argmax(model(features), dim=1)
            correct += (pred == labels).sum().item()
            total += features.numel()
    return correct / total


EXPECTED_CAUSE = 'features.numel()'
