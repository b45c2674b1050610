# MUTANT: model.training = False by hand: the dropout submodule stays in train mode
import torch

EXPECTED_CAUSE = "model.training = False sets that one attribute"

def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.training = False
    correct, seen = 0, 0
    n = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    for i, (x, y) in enumerate(data_loader):
        if i >= n:
            break
        x, y = x.to(device), y.to(device)
        with torch.no_grad():
            logits = model(x)[:, -1, :]
        pred = logits.argmax(dim=-1)
        seen += pred.shape[0]
        correct += (pred == y).sum().item()
    return correct / seen
