# MUTANT: adds up each batch's mean accuracy, then divides by the number of examples
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct, total = 0.0, 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).float().mean().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "added up each batch's accuracy"
