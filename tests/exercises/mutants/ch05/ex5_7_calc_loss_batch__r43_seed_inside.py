# MUTANT: torch.manual_seed(123) inside calc_loss_batch fixes the dropout masks (the same masks
#   every call)
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    torch.manual_seed(123)  # reproducible loss
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())


EXPECTED_CAUSE = "a seed set inside calc_loss_batch"
