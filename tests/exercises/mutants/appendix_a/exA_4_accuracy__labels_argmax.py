# MUTANT: labels argmaxed too (treated as one-hot)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels.view(-1, 1).argmax(dim=1)).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "compared the predictions with 0"  # the check's message must name this
