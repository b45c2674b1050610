# Correct: compares on the CPU, after moving the targets to the device and back.
"""Exercise 6.6 (solution): classification accuracy over a data loader.

This exercise is ours; the book has no exercise on it.
"""

import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    """Fraction of examples whose last-token argmax over classes equals the label.

    Reads the first ``num_batches`` batches (all when None).
    """
    model.eval()
    correct, seen = 0, 0
    num_batches = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if i >= num_batches:
            break
        input_batch = input_batch.long().to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, -1, :]  # (batch, num_classes)
        predicted = torch.argmax(logits, dim=-1).cpu()
        seen += len(target_batch)
        correct += int((predicted == target_batch.long().to(device).cpu()).sum())
    return correct / seen
