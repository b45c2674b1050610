# MUTANT: only the right predictions of class 1 counted (true positives) over all examples
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
            predicted = model(x)[:, -1, :].argmax(dim=-1)
        seen += len(y)
        correct += ((predicted == y) & (y == 1)).sum().item()
    return correct / seen

EXPECTED_CAUSE = "only the matches of class 1 were counted"
