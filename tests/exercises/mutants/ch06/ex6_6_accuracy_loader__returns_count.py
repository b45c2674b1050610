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
            pred = torch.argmax(model(x)[:, -1, :], dim=-1)
        correct += (pred == y).sum().item()
    return float(correct)


EXPECTED_CAUSE = "NUMBER of correct predictions"
