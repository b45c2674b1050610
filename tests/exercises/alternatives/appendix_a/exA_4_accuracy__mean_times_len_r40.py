# Correct: each batch's float32 mean accuracy times its size, added up (float32 rounding only)
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
