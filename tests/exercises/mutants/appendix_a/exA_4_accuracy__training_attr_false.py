# MUTANT: model.training = False instead of model.eval(): submodules (dropout) stay in training mode
import torch


def compute_accuracy(model, dataloader):
    model.training = False
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "model.training = False sets the flag"
