# MUTANT: examples seen as min((i + 1) * batch_size, len(dataset)) (a short batch in the middle)
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
        correct += (predicted == target_batch).sum().item()
        seen = min((i + 1) * data_loader.batch_size, len(data_loader.dataset))
    return correct / seen


EXPECTED_CAUSE = 'every batch read was counted as a FULL batch'
