# MUTANT: the predictions added up, never compared with the labels
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    hits, total = 0, 0
    with torch.no_grad():
        for features, labels in dataloader:
            hits += model(features).argmax(1).sum().item()
            total += len(labels)
    return hits / total


EXPECTED_CAUSE = "added up the predicted class indices"
