# MUTANT: per-batch predictions joined with torch.stack (a shorter last batch fails)
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    preds, targets = [], []
    num_batches = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if i >= num_batches:
            break
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, -1, :]
        preds.append(logits.argmax(dim=-1))
        targets.append(target_batch)
    preds, targets = torch.stack(preds), torch.stack(targets)
    return (preds == targets).float().mean().item()

EXPECTED_CAUSE = "join them with torch.cat"
