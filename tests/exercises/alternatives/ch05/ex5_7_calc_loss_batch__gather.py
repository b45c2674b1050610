# Correct: the negative log-likelihood written out: -log_softmax gathered at the targets, mean
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    log_probas = torch.log_softmax(model(input_batch), dim=-1)
    picked = log_probas.gather(-1, target_batch.unsqueeze(-1)).squeeze(-1)  # (batch, num_tokens)
    return -picked.mean()
