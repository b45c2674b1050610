# MUTANT: predictions compared with labels.view(-1, 1): a (B, B) broadcast
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels.view(-1, 1)).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'broadcasts'  # the check's message must name this
