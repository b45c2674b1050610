# MUTANT: the predicted class shifted by one (argmax + 1)
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
        predicted = logits.argmax(dim=-1) + 1
        correct += (predicted == target_batch).sum().item()
        seen += len(target_batch)
    return correct / seen

EXPECTED_CAUSE = "every prediction is the right class + 1"
