# MUTANT: model.train() at the end: an eval-mode model comes back in training mode
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for features, labels in dataloader:
            pred = torch.argmax(model(features), dim=1)
            correct += (pred == labels).sum().item()
            total += len(labels)
    model.train()
    return correct / total


EXPECTED_CAUSE = 'came back in training mode'
