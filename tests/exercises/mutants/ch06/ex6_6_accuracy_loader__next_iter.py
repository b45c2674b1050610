# MUTANT: next(iter(loader)) inside the loop: first batch every time
"""Exercise 6.6 (solution): classification accuracy over a data loader."""

import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct, seen = 0, 0
    num_batches = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    for i in range(num_batches):
        input_batch, target_batch = next(iter(data_loader))
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, -1, :]  # (batch, num_classes)
        predicted = torch.argmax(logits, dim=-1)
        seen += predicted.shape[0]
        correct += (predicted == target_batch).sum().item()
    return correct / seen


EXPECTED_CAUSE = 'next(iter(data_loader))'
