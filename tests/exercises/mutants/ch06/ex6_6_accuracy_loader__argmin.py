import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct, seen = 0, 0
    for i, (x, y) in enumerate(data_loader):
        if num_batches is not None and i >= num_batches:
            break
        x, y = x.to(device), y.to(device)
        with torch.no_grad():
            logits = model(x)[:, -1, :]
        pred = torch.argmin(logits, dim=-1)
        seen += pred.shape[0]
        correct += (pred == y).sum().item()
    return correct / seen


EXPECTED_CAUSE = "the class with the SMALLEST last-token logit"
