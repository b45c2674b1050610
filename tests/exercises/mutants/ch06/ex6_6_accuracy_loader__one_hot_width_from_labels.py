# MUTANT: one-hot rows whose width comes from the batch's labels (a batch without the top class)
import torch
import torch.nn.functional as F


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct, seen = 0, 0
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if num_batches is not None and i >= num_batches:
            break
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, -1, :]
        target_1h = F.one_hot(target_batch)
        pred_1h = F.one_hot(logits.argmax(dim=-1), num_classes=target_1h.shape[-1])
        correct += (pred_1h * target_1h).sum().item()
        seen += len(target_batch)
    return correct / seen

EXPECTED_CAUSE = "narrower when a batch lacks the top class"
