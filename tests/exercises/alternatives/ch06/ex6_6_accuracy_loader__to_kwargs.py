# Correct: .to(device=device, non_blocking=True), predicted compared with eq() and counted via sum()
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    n = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    correct, total = 0, 0
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if i < n:
            input_batch = input_batch.to(device=device, non_blocking=True)
            target_batch = target_batch.to(device=device, non_blocking=True)
            with torch.no_grad():
                predicted = model(input_batch)[:, -1, :].argmax(-1)
            correct += predicted.eq(target_batch).sum().item()
            total += predicted.size(0)
        else:
            break
    return correct / total
