# MUTANT: the first position left out of the loss (logits[:, 1:], targets[:, 1:])
import torch
import torch.nn.functional as F


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    return F.cross_entropy(logits[:, 1:].flatten(0, 1), target_batch[:, 1:].flatten())

EXPECTED_CAUSE = "the first position is not scored"
