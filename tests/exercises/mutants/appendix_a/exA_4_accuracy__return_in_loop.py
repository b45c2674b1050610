# MUTANT: return inside the batch loop (first batch only)
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
            return correct / total


EXPECTED_CAUSE = "return statement sits inside the batch loop"  # the check's message must name this
