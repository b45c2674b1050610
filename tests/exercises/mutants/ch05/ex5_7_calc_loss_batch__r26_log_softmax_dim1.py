# MUTANT: log_softmax over dim 1 (the tokens) instead of the vocabulary, then nll_loss
import torch
import torch.nn.functional as F


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    log_probs = F.log_softmax(logits, dim=1)
    return F.nll_loss(log_probs.flatten(0, 1), target_batch.flatten())


EXPECTED_CAUSE = 'ran over dim 1'
