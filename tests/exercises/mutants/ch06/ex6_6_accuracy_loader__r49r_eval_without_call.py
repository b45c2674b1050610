# MUTANT: writes model.eval without parentheses, so the model stays in training mode
"""Exercise 6.6 (solution): classification accuracy over a data loader.

This exercise is ours; the book has no exercise on it.
"""

import torch

EXPECTED_CAUSE = "written without parentheses"


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    """Fraction of examples whose last-token argmax over classes equals the label.

    Reads the first ``num_batches`` batches (all when None).
    """
    model.eval  # noqa: B018 (the mistake: the method is never called)
    correct, seen = 0, 0
    num_batches = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if i >= num_batches:
            break
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, -1, :]  # (batch, num_classes)
        predicted = torch.argmax(logits, dim=-1)
        seen += predicted.shape[0]
        correct += (predicted == target_batch).sum().item()
    return correct / seen
