# MUTANT: max(dim=1)[0]: the largest logit compared with the labels
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = model(features).max(dim=1)[0]
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "largest logit VALUES"  # the check's message must name this
