# MUTANT: two slips: the argmax over dim 0 and the count divided by the number of batches
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=0)
            correct += (predictions == labels).sum().item()
            total += 1
    return correct / total


EXPECTED_CAUSE = "undo that and your scores match another mistake: you took the argmax over dim=0"
