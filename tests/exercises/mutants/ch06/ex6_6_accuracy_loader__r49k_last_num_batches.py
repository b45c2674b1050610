# MUTANT: reads the LAST num_batches batches (list(loader)[-num_batches:])
"""Exercise 6.6 (wrong answer): classification accuracy over a data loader."""

import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct, seen = 0, 0
    batches = list(data_loader)
    if num_batches is not None:
        batches = batches[-num_batches:]
    for x, y in batches:
        x, y = x.to(device), y.to(device)
        with torch.no_grad():
            pred = model(x)[:, -1, :].argmax(dim=-1)
        correct += (pred == y).sum().item()
        seen += len(y)
    return correct / seen


EXPECTED_CAUSE = "not the last ones (batches[-num_batches:])"
