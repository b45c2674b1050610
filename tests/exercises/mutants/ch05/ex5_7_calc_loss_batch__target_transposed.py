# Mutant: flattens the targets in (num_tokens, batch) order, the logits in (batch, num_tokens).
"""Exercise 5.7: the cross-entropy loss of one batch."""

import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)  # (batch, num_tokens, vocab_size)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.T.flatten())


EXPECTED_CAUSE = "targets were flattened in (num_tokens, batch)"  # named in the message
