# MUTANT: log of softmax probabilities plus an epsilon 1e-6 (a small shift on ordinary logits)
import torch
import torch.nn.functional as F


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    probs = torch.softmax(logits.flatten(0, 1), dim=-1)
    return F.nll_loss(torch.log(probs + 1e-6), target_batch.flatten())

EXPECTED_CAUSE = 'log(p + 1e-06)'
