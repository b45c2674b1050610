# Correct: restores the model's previous training mode afterwards; float64 mean of the hits
import torch


def compute_accuracy(model, dataloader):
    was_training = model.training
    model.eval()
    hits = []
    try:
        with torch.no_grad():
            for features, labels in dataloader:
                hits.append(model(features).argmax(dim=1) == labels)
    finally:
        model.train(was_training)
    return torch.cat(hits).double().mean().item()
