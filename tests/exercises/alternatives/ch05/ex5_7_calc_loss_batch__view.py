# Correct: view(-1, vocab) / view(-1) instead of flatten, F alias, device moves on separate lines
import torch.nn.functional as F


def calc_loss_batch(input_batch, target_batch, model, device):
    target_batch = target_batch.to(device)
    input_batch = input_batch.to(device)
    logits = model(input_batch)
    vocab_size = logits.size(-1)
    return F.cross_entropy(logits.view(-1, vocab_size), target_batch.view(-1))
