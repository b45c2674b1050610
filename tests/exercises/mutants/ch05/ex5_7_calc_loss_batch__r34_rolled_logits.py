# MUTANT: the logits rolled one position along the tokens before the loss
import torch
import torch.nn.functional as F


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = torch.roll(model(input_batch), shifts=1, dims=1)  # "align" predictions with targets
    return F.cross_entropy(logits.flatten(0, 1), target_batch.flatten())

EXPECTED_CAUSE = "logits of position i - 1, the last wrapped round"
