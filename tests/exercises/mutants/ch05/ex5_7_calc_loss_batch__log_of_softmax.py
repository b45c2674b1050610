# MUTANT: log of a softmax (log 0 = -inf for a confident mistake)
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)  # (batch, num_tokens, vocab_size)
    probas = torch.softmax(logits, dim=-1)
    picked = probas.gather(-1, target_batch.unsqueeze(-1)).squeeze(-1)
    return -torch.log(picked).mean()

EXPECTED_CAUSE = 'log(0)'
