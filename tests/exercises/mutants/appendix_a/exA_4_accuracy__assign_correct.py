# MUTANT: correct = ... instead of correct += ...: only the last batch's correct count is kept
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct = (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "only the last batch's correct predictions"  # the check's message must name this
