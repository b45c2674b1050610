# MUTANT: counts kept in module globals: a second call adds to the first call's counts
import torch

_counts = {"correct": 0, "seen": 0}


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    n = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    for i, (x, y) in enumerate(data_loader):
        if i >= n:
            break
        x, y = x.to(device), y.to(device)
        with torch.no_grad():
            logits = model(x)[:, -1, :]
        pred = torch.argmax(logits, dim=-1)
        _counts["seen"] += pred.shape[0]
        _counts["correct"] += (pred == y).sum().item()
    return _counts["correct"] / _counts["seen"]


EXPECTED_CAUSE = 'keeps state between calls'
