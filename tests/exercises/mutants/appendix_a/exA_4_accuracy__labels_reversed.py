# MUTANT: predictions compared with the batch's labels reversed (labels.flip(0))
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            correct += (model(features).argmax(dim=1) == labels.flip(0)).sum().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "labels in REVERSE order"
