# Mutant: casts the logits to float32 before the loss (wrong for a float64 model).
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1).float(),
                                             target_batch.flatten())


EXPECTED_CAUSE = "for a float64 model"  # named in the message
