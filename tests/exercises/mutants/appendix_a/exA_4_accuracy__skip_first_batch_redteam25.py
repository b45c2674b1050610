# MUTANT: the first batch is skipped (continue at i == 0)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for i, (features, labels) in enumerate(dataloader):
            if i == 0:
                continue
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "skipped the FIRST batch"
