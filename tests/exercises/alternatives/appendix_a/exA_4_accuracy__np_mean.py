# Correct: np.mean over a list of per-example hits (returns numpy.float64, a float subclass)
import numpy as np
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    hits = []
    with torch.no_grad():
        for features, labels in dataloader:
            hits.extend((torch.argmax(model(features), dim=1) == labels).tolist())
    return np.mean(hits)
