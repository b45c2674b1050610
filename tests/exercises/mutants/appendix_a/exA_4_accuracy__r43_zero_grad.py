# MUTANT: model.zero_grad() while scoring wipes the gradients the caller's model holds
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    model.zero_grad()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "clears them (model.zero_grad()"  # the check's message must name this
