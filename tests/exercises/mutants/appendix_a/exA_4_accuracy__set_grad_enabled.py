# MUTANT: torch.set_grad_enabled(False), not a no_grad block: gradients stay off for the caller
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    torch.set_grad_enabled(False)
    correct, total = 0, 0
    for features, labels in dataloader:
        predictions = model(features).argmax(dim=1)
        correct += (predictions == labels).sum().item()
        total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'the grad mode'
