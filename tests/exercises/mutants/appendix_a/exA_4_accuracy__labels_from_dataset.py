# MUTANT: labels read from dataloader.dataset by position (wrong when shuffled)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for features, labels in dataloader:
            pred = torch.argmax(model(features), dim=1)
            true = torch.stack([dataloader.dataset[total + i][1] for i in range(len(labels))])
            correct += (pred == true).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'depends on the order'
