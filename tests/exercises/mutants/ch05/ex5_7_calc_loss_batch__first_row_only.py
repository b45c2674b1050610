# Mutant: only the first sequence of the batch is scored.
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits[0], target_batch[0])

EXPECTED_CAUSE = 'only the first sequence'
