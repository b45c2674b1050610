# MUTANT: the argmax taken in numpy (no bfloat16 there: a bfloat16 model crashes)
import numpy as np
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    """Fraction of examples whose last-token argmax over classes equals the label.

    Reads the first ``num_batches`` batches (all when None).
    """
    model.eval()
    correct, seen = 0, 0
    num_batches = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if i >= num_batches:
            break
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, -1, :]  # (batch, num_classes)
        predicted = np.argmax(logits.detach().cpu().numpy(), axis=-1)
        predicted = torch.from_numpy(predicted).to(target_batch.device)
        seen += predicted.shape[0]
        correct += (predicted == target_batch).sum().item()
    return correct / seen

EXPECTED_CAUSE = 'numpy has no bfloat16'
