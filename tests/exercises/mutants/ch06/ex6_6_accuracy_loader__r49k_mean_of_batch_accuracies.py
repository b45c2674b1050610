# MUTANT: averages the per-batch accuracies though batches differ in size
"""Exercise 6.6: classification accuracy over a data loader."""

import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    accs = []
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if num_batches is not None and i >= num_batches:
            break
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, -1, :]
        predicted = torch.argmax(logits, dim=-1)
        accs.append((predicted == target_batch).float().mean().item())
    return sum(accs) / len(accs)


EXPECTED_CAUSE = "you averaged the batches' accuracies"
