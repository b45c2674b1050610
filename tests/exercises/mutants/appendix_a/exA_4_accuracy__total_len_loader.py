# MUTANT: total adds len(dataloader) (the number of batches) per batch
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for features, labels in dataloader:
            correct += (model(features).argmax(dim=1) == labels).sum().item()
            total += len(dataloader)
    return correct / total


EXPECTED_CAUSE = 'added len(dataloader)'
