# MUTANT: each batch judged by its first example only, times the batch size
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = model(features).argmax(dim=1)
            correct += int(predictions[0] == labels[0]) * len(labels)
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "judged each batch by its FIRST example only"
