# MUTANT: model.eval() is called after the first forward pass, so batch 1 is scored in train mode
import torch


def compute_accuracy(model, dataloader):
    correct, total = 0, 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            model.eval()
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "first batch was scored in training mode"
