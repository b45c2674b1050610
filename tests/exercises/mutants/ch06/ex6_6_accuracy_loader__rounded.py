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
            pred = torch.argmax(model(x)[:, -1, :], dim=-1)
        seen += len(y)
        correct += (pred == y).sum().item()
    return round(correct / seen, 2)


EXPECTED_CAUSE = "rounded the accuracy to 2 decimals"
