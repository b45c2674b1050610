# Mutant: only the last sequence of the batch is scored.
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits[-1], target_batch[-1])

EXPECTED_CAUSE = 'logits[-1], the last'  # named in the message
