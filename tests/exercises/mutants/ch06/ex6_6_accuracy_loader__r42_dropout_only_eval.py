# MUTANT: only the Dropout modules put in eval mode (model.training stays True)
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    for module in model.modules():
        if isinstance(module, torch.nn.Dropout):
            module.eval()
    correct, seen = 0, 0
    num_batches = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if i >= num_batches:
            break
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, -1, :]
        predicted = torch.argmax(logits, dim=-1)
        seen += predicted.shape[0]
        correct += (predicted == target_batch).sum().item()
    return correct / seen


EXPECTED_CAUSE = 'the model itself stayed in training mode'
