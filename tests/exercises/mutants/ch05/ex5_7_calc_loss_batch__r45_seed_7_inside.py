# MUTANT: torch.manual_seed(7) inside calc_loss_batch "for reproducible losses"
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    torch.manual_seed(7)
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())

EXPECTED_CAUSE = "same under two different outer seeds"  # named in the message
