# MUTANT: the labels argmaxed as if they were one-hot rows
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = model(features).argmax(dim=1)
            correct += (predictions == labels.argmax(dim=-1)).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "labels.argmax"  # the check's message must name this
