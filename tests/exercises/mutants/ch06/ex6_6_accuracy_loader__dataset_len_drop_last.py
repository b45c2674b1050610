# MUTANT: divides by len(data_loader.dataset) when num_batches is None (wrong with drop_last=True)
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct, seen = 0, 0
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if num_batches is not None and i >= num_batches:
            break
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, -1, :]
        correct += (logits.argmax(dim=-1) == target_batch).sum().item()
        seen += len(target_batch)
    if num_batches is None:
        return correct / len(data_loader.dataset)
    return correct / seen

EXPECTED_CAUSE = "made with drop_last=True"
