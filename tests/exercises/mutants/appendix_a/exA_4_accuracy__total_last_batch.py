# MUTANT: total = number of batches times the LAST batch's size
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for i, (features, labels) in enumerate(dataloader):
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total = (i + 1) * len(labels)
    return correct / total

EXPECTED_CAUSE = "LAST batch's size"
