# MUTANT: two slips: no model.eval() and a percentage (times 100)
import torch


def compute_accuracy(model, dataloader):
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return 100 * correct / total


EXPECTED_CAUSE = "your scores match another mistake: the model was still in training mode"
