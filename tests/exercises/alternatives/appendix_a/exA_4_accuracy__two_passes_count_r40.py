# Correct: the examples counted in a first pass over the loader, scored in a second
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    total = sum(len(labels) for _, labels in dataloader)
    correct = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
    return correct / total
