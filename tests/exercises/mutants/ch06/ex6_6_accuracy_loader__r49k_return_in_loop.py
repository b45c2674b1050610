# MUTANT: return indented inside the for loop: only the first batch is scored
"""Exercise 6.6 (wrong answer)."""

import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct, seen = 0, 0
    for i, (x, y) in enumerate(data_loader):
        if num_batches is not None and i >= num_batches:
            break
        x, y = x.to(device), y.to(device)
        with torch.no_grad():
            pred = model(x)[:, -1, :].argmax(dim=-1)
        correct += (pred == y).sum().item()
        seen += len(y)
        return correct / seen


EXPECTED_CAUSE = "a return (or break) inside the for loop"
