# Correct: eval() and no_grad per batch, tensor counters turned into floats at the end, a while loop
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    total = len(data_loader) if num_batches is None else min(len(data_loader), num_batches)
    correct = torch.tensor(0)
    seen = 0
    batches = iter(data_loader)
    done = 0
    while done < total:
        input_batch, target_batch = next(batches)
        model.eval()
        with torch.no_grad():
            logits = model(input_batch.to(device))[:, -1, :]  # (batch, num_classes)
        target_batch = target_batch.to(device)
        correct = correct + (logits.argmax(dim=1) == target_batch).sum().cpu()
        seen += len(target_batch)
        done += 1
    return correct.item() / seen
