# MUTANT: model.requires_grad_(False) used instead of torch.no_grad(): the caller's model stays
#   frozen afterwards
import torch

EXPECTED_CAUSE = "the caller's model came back frozen"


def compute_accuracy(model, dataloader):
    model.eval()
    model.requires_grad_(False)
    correct = 0
    total = 0
    for features, labels in dataloader:
        predictions = torch.argmax(model(features), dim=1)
        correct += (predictions == labels).sum().item()
        total += len(labels)
    return correct / total
