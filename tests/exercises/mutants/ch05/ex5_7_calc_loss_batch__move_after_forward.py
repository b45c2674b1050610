# Mutant: inputs moved to the device only after the forward pass
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    logits = model(input_batch)
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())


EXPECTED_CAUSE = 'before it was moved'
