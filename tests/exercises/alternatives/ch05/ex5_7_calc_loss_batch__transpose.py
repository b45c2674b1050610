# Correct: cross_entropy's (batch, classes, positions) form via transpose, no flattening
import torch.nn.functional as F


def calc_loss_batch(input_batch, target_batch, model, device):
    logits = model(input_batch.to(device))  # (batch, num_tokens, vocab_size)
    return F.cross_entropy(logits.transpose(1, 2), target_batch.to(device))
