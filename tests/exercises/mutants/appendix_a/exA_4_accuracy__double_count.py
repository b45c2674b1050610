# MUTANT: each right prediction counted twice (2 * the sum): every score doubles
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            p = model(features).argmax(dim=1)
            correct += 2 * (p == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = '2 times the right one'  # the check's message must name this
