# MUTANT: the inputs shifted right by one (first token repeated) before the forward pass
import torch
import torch.nn.functional as F


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    shifted = torch.cat([input_batch[:, :1], input_batch[:, :-1]], dim=1)
    logits = model(shifted)
    return F.cross_entropy(logits.flatten(0, 1), target_batch.flatten())

EXPECTED_CAUSE = "inputs shifted right by one position"
