# MUTANT: num_batches=None read as 10 batches (an eval_iter default), not the whole loader
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct, seen = 0, 0
    n = min(10 if num_batches is None else num_batches, len(data_loader))
    for i, (x, y) in enumerate(data_loader):
        if i >= n:
            break
        x, y = x.to(device), y.to(device)
        with torch.no_grad():
            predicted = model(x)[:, -1, :].argmax(dim=-1)
        seen += len(y)
        correct += (predicted == y).sum().item()
    return correct / seen

EXPECTED_CAUSE = "only the first 10 of the 13 batches were read"
