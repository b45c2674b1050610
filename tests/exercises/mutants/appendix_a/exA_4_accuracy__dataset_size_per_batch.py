# MUTANT: len(dataloader.dataset) added to the total once per batch (inside the loop)
import torch

EXPECTED_CAUSE = 'len(dataloader.dataset), the size of the whole dataset (5), for every'


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(dataloader.dataset)
    return correct / total
