# Mutant: summed over tokens and divided by the batch size only (mean per sequence, not per token).
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten(),
                                             reduction="sum")
    return loss / input_batch.shape[0]

EXPECTED_CAUSE = 'divided by the batch size'
