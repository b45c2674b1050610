# Correct: nn.CrossEntropyLoss module held as a module-level constant, non_blocking transfers
import torch

LOSS_FN = torch.nn.CrossEntropyLoss()


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch = input_batch.to(device, non_blocking=True)
    target_batch = target_batch.to(device, non_blocking=True)
    logits = model(input_batch)
    return LOSS_FN(logits.flatten(end_dim=1), target_batch.flatten())
