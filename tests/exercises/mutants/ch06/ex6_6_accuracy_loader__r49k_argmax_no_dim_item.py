# MUTANT: argmax without dim made a Python int (.item()), compared with the targets
"""Exercise 6.6: classification accuracy over a data loader."""

import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct, seen = 0, 0
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if num_batches is not None and i >= num_batches:
            break
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, -1, :]
        predicted = torch.argmax(logits).item()
        seen += target_batch.shape[0]
        correct += (target_batch == predicted).sum().item()
    return correct / seen


EXPECTED_CAUSE = "torch.argmax(logits) without dim flattens"
