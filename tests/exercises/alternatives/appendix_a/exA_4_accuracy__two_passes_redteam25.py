# Correct: one pass counts the examples, a second scores them (the same counts)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    total = sum(len(labels) for _, labels in dataloader)
    correct = 0
    with torch.no_grad():
        for features, labels in dataloader:
            correct += (model(features).argmax(dim=1) == labels).sum().item()
    return correct / total
