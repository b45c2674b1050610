# MUTANT: each message's last non-padding token read instead of the last position
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct, seen = 0, 0
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if num_batches is not None and i >= num_batches:
            break
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
        with torch.no_grad():
            out = model(input_batch)
        last = ((input_batch != 50256).sum(dim=1) - 1).clamp(min=0)
        logits = out[torch.arange(out.shape[0]), last]
        correct += (logits.argmax(dim=-1) == target_batch).sum().item()
        seen += len(target_batch)
    return correct / seen

EXPECTED_CAUSE = "last REAL token"
