# MUTANT: total / correct instead of correct / total
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            correct += (model(features).argmax(dim=1) == labels).sum().item()
            total += len(labels)
    return total / correct


EXPECTED_CAUSE = 'divides by it (total / correct?)'  # the check's message must name this
