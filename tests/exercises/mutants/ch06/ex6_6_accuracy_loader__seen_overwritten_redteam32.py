# MUTANT: seen overwritten (=) with each batch size, so the divisor is the last batch size
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
        correct += (logits.argmax(dim=-1) == y).sum().item()
        seen = y.shape[0]
    return correct / seen

EXPECTED_CAUSE = "divided by the LAST batch's size alone"
