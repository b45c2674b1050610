# Correct: the caller's mode restored after scoring
import torch


def compute_accuracy(model, dataloader):
    was_training = model.training
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            pred = model(features).argmax(dim=-1)
            correct += int((pred == labels).sum())
            total += labels.numel()
    model.train(was_training)
    return correct / total
