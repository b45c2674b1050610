# Mutant: scores input_batch[:, 1:] as the targets and never reads target_batch.
"""Exercise 5.7: the cross-entropy loss of one batch."""

import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)[:, :-1]  # (batch, num_tokens - 1, vocab_size)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1),
                                             input_batch[:, 1:].flatten())


EXPECTED_CAUSE = "last position is not scored"  # named in the message
