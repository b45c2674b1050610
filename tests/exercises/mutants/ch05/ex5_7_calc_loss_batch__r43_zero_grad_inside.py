# MUTANT: model.zero_grad() inside calc_loss_batch wipes gradients the caller is accumulating
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    model.zero_grad()  # start clean
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())


EXPECTED_CAUSE = "cleared by calc_loss_batch"
