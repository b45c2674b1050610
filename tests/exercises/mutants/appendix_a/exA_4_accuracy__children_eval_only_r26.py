# MUTANT: eval() called on the children only; the model object itself stays in training mode
import torch


def compute_accuracy(model, dataloader):
    for child in model.children():
        child.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "switches the submodules only"
