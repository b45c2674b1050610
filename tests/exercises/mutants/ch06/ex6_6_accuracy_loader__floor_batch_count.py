# MUTANT: the batch count taken as len(dataset) // batch_size (a last partial batch never read)
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    total_batches = len(data_loader.dataset) // data_loader.batch_size
    num_batches = total_batches if num_batches is None else min(num_batches, total_batches)
    correct, seen = 0, 0
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if i >= num_batches:
            break
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, -1, :]
        correct += (logits.argmax(dim=-1) == target_batch).sum().item()
        seen += target_batch.shape[0]
    return correct / seen

EXPECTED_CAUSE = "rounds the partial batch away"
