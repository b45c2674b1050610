# MUTANT: each batch adds at most one right prediction (min(count, 1); a fallback names
# examples mixed within a batch)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += min((predictions == labels).sum().item(), 1)
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "right one example at a time, wrong when examples share a batch"
