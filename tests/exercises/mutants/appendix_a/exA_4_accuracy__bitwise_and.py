# MUTANT: predictions & labels (bitwise and) counted instead of predictions == labels
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            preds = model(features).argmax(dim=1)
            correct += (preds & labels).bool().sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "the true positives"  # the check's message must name this
