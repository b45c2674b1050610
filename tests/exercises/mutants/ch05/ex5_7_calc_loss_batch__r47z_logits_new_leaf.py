# MUTANT: the logits copied into a new leaf tensor (torch.tensor(logits, requires_grad=True)):
# the loss has a grad_fn, but backward() never reaches the model's weights.
import warnings

import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "To copy construct from a tensor ..."
        logits = torch.tensor(model(input_batch), requires_grad=True)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())


EXPECTED_CAUSE = "none of it reaches the model's parameters"
