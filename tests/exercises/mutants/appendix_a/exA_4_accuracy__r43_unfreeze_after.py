# MUTANT: requires_grad_(False), then requires_grad_(True): the frozen layers unfrozen
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    model.requires_grad_(False)
    correct = 0
    total = 0
    for features, labels in dataloader:
        predictions = torch.argmax(model(features), dim=1)
        correct += (predictions == labels).sum().item()
        total += len(labels)
    model.requires_grad_(True)
    return correct / total

EXPECTED_CAUSE = "came back trainable"  # the check's message must name this
