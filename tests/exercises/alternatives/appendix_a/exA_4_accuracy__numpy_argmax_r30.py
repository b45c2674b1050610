# Correct: NumPy argmax and comparison; the result is a numpy.float64, a float subclass
import numpy as np
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = np.argmax(model(features).numpy(), axis=1)
            correct += (predictions == labels.numpy()).sum()
            total += len(labels)
    return correct / total
