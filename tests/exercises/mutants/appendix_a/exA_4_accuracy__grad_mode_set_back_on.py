# MUTANT: set_grad_enabled(False), then set_grad_enabled(True) at the end (not the caller's mode)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    torch.set_grad_enabled(False)
    if True:
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    torch.set_grad_enabled(True)
    return correct / total


EXPECTED_CAUSE = "came back with gradients switched ON"
