import torch

_N = None


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct, seen = 0, 0
    global _N
    if _N is None:
        _N = len(data_loader)
    num_batches = _N if num_batches is None else min(num_batches, _N)
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if i >= num_batches:
            break
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, -1, :]  # (batch, num_classes)
        predicted = torch.argmax(logits, dim=-1)
        seen += predicted.shape[0]
        correct += (predicted == target_batch).sum().item()
    return correct / seen


EXPECTED_CAUSE = "keeps state between calls"
