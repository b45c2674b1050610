# MUTANT: correct and total reset inside the batch loop (only the last batch scored)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    with torch.no_grad():
        for features, labels in dataloader:
            correct = 0
            total = 0
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "only the LAST batch was scored"
