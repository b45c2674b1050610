# Mutant: shifts the (already shifted) targets a second time.
"""Exercise 5.7: the cross-entropy loss of one batch."""

import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)[:, :-1]  # (batch, num_tokens - 1, vocab_size)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1),
                                             target_batch[:, 1:].flatten())


EXPECTED_CAUSE = "shifted a second time"  # named in the message
