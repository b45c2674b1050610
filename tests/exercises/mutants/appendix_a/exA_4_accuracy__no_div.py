# MUTANT: returns the count of correct examples, not the fraction
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct


EXPECTED_CAUSE = 'correct predictions, not the fraction'  # the check's message must name this
