# MUTANT: divides by len(data_loader.sampler), every example
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct = 0
    n = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    for i, (x, y) in enumerate(data_loader):
        if i >= n:
            break
        x, y = x.to(device), y.to(device)
        with torch.no_grad():
            pred = model(x)[:, -1, :].argmax(dim=-1)
        correct += (pred == y).sum().item()
    return correct / len(data_loader.sampler)


EXPECTED_CAUSE = 'len(data_loader.sampler)'
