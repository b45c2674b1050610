# MUTANT: only the first half of each batch (rounded up) scored, in the count and the total
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            half = (len(labels) + 1) // 2
            predictions = torch.argmax(model(features[:half]), dim=1)
            correct += (predictions == labels[:half]).sum().item()
            total += half
    return correct / total


EXPECTED_CAUSE = "your scores are whole counts out of 3"
