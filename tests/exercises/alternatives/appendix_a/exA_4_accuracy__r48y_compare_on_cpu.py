# Correct: predictions and labels compared on the CPU (.cpu() of both), the model fed as given
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = model(features).argmax(dim=1)
            correct += int((predictions.cpu() == labels.cpu()).sum())
            total += len(labels)
    return correct / total
