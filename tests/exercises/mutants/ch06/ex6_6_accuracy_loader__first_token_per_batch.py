# MUTANT: two slips: the first token read and a division by the number of batches
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct, batches = 0, 0
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if num_batches is not None and i >= num_batches:
            break
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, 0, :]
        correct += (logits.argmax(dim=-1) == target_batch).sum().item()
        batches += 1
    return correct / batches

EXPECTED_CAUSE = "(the number of batches), not by the 7 examples"
