# MUTANT: model(input_batch)[-1]: the last MESSAGE's logits, not every message's last token
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
            logits = model(x)[-1]
        predicted = logits.argmax(dim=-1)
        seen += y.shape[0]
        correct += (predicted[:y.shape[0]] == y).sum().item()
    return correct / seen

EXPECTED_CAUSE = "the LAST MESSAGE's logits at every position"
