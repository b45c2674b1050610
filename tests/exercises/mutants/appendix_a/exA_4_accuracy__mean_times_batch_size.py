# MUTANT: batch accuracy times dataloader.batch_size (the last smaller batch counted as full)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct, total = 0.0, 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = model(features).argmax(dim=1)
            correct += (predictions == labels).float().mean().item() * dataloader.batch_size
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "multiplied each batch's accuracy"
