# MUTANT: rounds the accuracy to 4 decimals, like the docstring's 0.8333
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
        predicted = torch.argmax(logits, dim=-1)
        seen += predicted.shape[0]
        correct += (predicted == target_batch).sum().item()
    return round(correct / seen, 4)  # e.g. 0.8333


EXPECTED_CAUSE = "you rounded the accuracy to 4 decimals"
