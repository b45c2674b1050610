# MUTANT: right predictions of class 1 counted twice (a copied count line)
import torch

EXPECTED_CAUSE = "right class-1 predictions are counted twice"


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            correct += ((predictions == labels) & (labels == 1)).sum().item()
            total += len(labels)
    return correct / total
