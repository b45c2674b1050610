# Mutant: logits cast to float16 before cross_entropy.
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)  # (batch, num_tokens, vocab_size)
    return torch.nn.functional.cross_entropy(logits.half().flatten(0, 1), target_batch.flatten())


EXPECTED_CAUSE = 'cast to half before the loss'
