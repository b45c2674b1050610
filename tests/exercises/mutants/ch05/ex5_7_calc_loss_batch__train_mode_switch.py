# Mutant: model switched to train mode inside the loss (dropout on during evaluation).
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    model.train()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())


EXPECTED_CAUSE = 'switched the model to training mode'
