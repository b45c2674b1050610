# MUTANT: predictions from a threshold on a feature, not the model (a fallback names it)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            model(features)
            predictions = (features[:, 1] > 2.8).long()
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "does not depend on the model's output"  # the check's message must name this
