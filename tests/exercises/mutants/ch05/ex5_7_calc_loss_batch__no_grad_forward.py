# Mutant: the forward pass under torch.no_grad(): the loss cannot be backpropagated.
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    with torch.no_grad():
        logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())

EXPECTED_CAUSE = "forward pass ran under torch.no_grad()"
