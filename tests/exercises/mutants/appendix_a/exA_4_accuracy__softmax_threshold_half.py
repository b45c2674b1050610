# MUTANT: predicts class 1 when softmax prob of class 1 > 0.5 (binary only; wrong for 3+ classes)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for features, labels in dataloader:
            probs = torch.softmax(model(features), dim=1)
            predictions = (probs[:, 1] > 0.5).long()
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'between classes 0 and 1 only'
