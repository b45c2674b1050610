# MUTANT: each batch moved to a device written into the code, features.to("cpu") (a model on a
# GPU then meets a batch on the CPU)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            features, labels = features.to("cpu"), labels.to("cpu")
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "to 'cpu' by itself"
