# MUTANT: only the examples labelled 1 counted (class 1's recall)
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct, seen = 0, 0
    num_batches = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if i >= num_batches:
            break
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, -1, :]
        predicted = torch.argmax(logits, dim=-1)
        positive = target_batch == 1
        seen += int(positive.sum())
        correct += int((predicted[positive] == 1).sum())
    return correct / max(seen, 1)

EXPECTED_CAUSE = "class 1's recall"
