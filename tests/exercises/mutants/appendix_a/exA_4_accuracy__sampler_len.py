# MUTANT: divides by len(dataloader.sampler), which counts the examples of a dropped last batch
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
    return correct / len(dataloader.sampler)

EXPECTED_CAUSE = "len(dataloader.sampler)"
