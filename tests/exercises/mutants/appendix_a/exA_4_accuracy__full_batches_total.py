# MUTANT: divided by the examples in full batches only (n // batch_size * batch_size)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for features, labels in dataloader:
            correct += (model(features).argmax(dim=1) == labels).sum().item()
    n = len(dataloader.dataset)
    return correct / (n // dataloader.batch_size * dataloader.batch_size)

EXPECTED_CAUSE = "examples in FULL batches only"
