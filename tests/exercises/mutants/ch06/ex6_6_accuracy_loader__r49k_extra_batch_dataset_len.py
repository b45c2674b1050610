# MUTANT: i > num_batches (one batch more) and a division by len(dataset)
"""Exercise 6.6 (wrong answer): classification accuracy over a data loader."""

import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct = 0
    for i, (x, y) in enumerate(data_loader):
        if num_batches is not None and i > num_batches:
            break
        x, y = x.to(device), y.to(device)
        with torch.no_grad():
            pred = model(x)[:, -1, :].argmax(dim=-1)
        correct += (pred == y).sum().item()
    return correct / len(data_loader.dataset)


EXPECTED_CAUSE = "you read one batch more than num_batches (3 batches, not 2) and divided by every"
