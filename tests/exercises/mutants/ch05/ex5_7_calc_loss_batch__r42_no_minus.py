# MUTANT: hand-written negative log-likelihood without the minus sign (the mean log-probability)
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    logp = torch.log_softmax(logits, dim=-1)
    return logp.gather(-1, target_batch.unsqueeze(-1)).mean()

EXPECTED_CAUSE = "the loss has the wrong sign"
