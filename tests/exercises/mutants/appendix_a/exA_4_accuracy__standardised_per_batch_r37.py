# MUTANT: features standardised per batch (minus the batch mean, over the batch std) before the
# forward pass
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            features = (features - features.mean(dim=0)) / (features.std(dim=0) + 1e-6)
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "your code changed the features before model(features)"
