# MUTANT: each batch's first example counted again (a debug line left in)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item() + int(predictions[0] == labels[0])
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "at the FIRST example of each batch"
