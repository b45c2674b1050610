# Correct: each batch's right count recovered as its float mean accuracy times its size
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0.0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).float().mean().item() * len(labels)
            total += len(labels)
    return correct / total
