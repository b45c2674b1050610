# MUTANT: each right prediction weighted by its softmax confidence
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0.0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            probs = torch.softmax(model(features), dim=1)
            conf, predictions = probs.max(dim=1)
            correct += (conf * (predictions == labels)).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'weighted each right prediction by its probability'
