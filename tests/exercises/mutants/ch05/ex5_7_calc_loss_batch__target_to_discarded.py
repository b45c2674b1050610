# Mutant: target_batch.to(device) result not kept: targets stay on their old device.
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch = input_batch.to(device)
    target_batch.to(device)
    logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())

EXPECTED_CAUSE = 'the loss read target_batch as it came'
