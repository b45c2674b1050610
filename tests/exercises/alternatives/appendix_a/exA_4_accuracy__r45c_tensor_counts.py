# Correct: counts kept as int64 tensors, the fraction read with .item() (float32, ~1e-8 off)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = torch.tensor(0)
    total = torch.tensor(0)
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum()
            total += len(labels)
    return (correct / total).item()
