# MUTANT: divides by the sum of the labels (target_batch.sum()), not the examples
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct, seen = 0, 0
    n = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    for i, (x, y) in enumerate(data_loader):
        if i >= n:
            break
        x, y = x.to(device), y.to(device)
        with torch.no_grad():
            logits = model(x)[:, -1, :]
        pred = torch.argmax(logits, dim=-1)
        seen += y.sum().item()
        correct += (pred == y).sum().item()
    return correct / max(seen, 1)


EXPECTED_CAUSE = "is the SUM of the labels"
