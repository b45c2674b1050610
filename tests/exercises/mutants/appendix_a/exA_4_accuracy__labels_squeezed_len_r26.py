# MUTANT: labels squeezed before counting; a batch of one becomes 0-d and len() of it fails
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            labels = labels.squeeze()
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "turns its tensor of shape (1,) into a 0-d"
