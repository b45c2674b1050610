# MUTANT: input_batch and target_batch renamed inputs and targets: right by position, a
# TypeError by name.
import torch


def calc_loss_batch(inputs, targets, model, device):
    inputs, targets = inputs.to(device), targets.to(device)
    logits = model(inputs)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())


EXPECTED_CAUSE = "keep the parameter names of the docstring"
