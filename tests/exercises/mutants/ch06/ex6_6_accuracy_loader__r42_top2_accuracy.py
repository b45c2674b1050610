# MUTANT: a top-2 accuracy (label among the two largest logits), not the argmax
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
        top = logits.topk(2, dim=-1).indices
        seen += top.shape[0]
        correct += (top == target_batch.unsqueeze(-1)).any(dim=-1).sum().item()
    return correct / seen


EXPECTED_CAUSE = 'your code scores every message as right'
