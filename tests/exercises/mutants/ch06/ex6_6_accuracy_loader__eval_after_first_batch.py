import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    correct, seen = 0, 0
    n = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    for i, (x, y) in enumerate(data_loader):
        if i >= n:
            break
        x, y = x.to(device), y.to(device)
        with torch.no_grad():
            logits = model(x)[:, -1, :]
        model.eval()
        pred = torch.argmax(logits, dim=-1)
        seen += pred.shape[0]
        correct += (pred == y).sum().item()
    return correct / seen


EXPECTED_CAUSE = "before the loop"
