# MUTANT: a leftover line after the loop adds the last batch's right predictions a second time (no
# clamp)
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
        correct += (predictions == labels).sum().item()
    return correct / total


EXPECTED_CAUSE = "right predictions of the LAST batch were counted twice"
