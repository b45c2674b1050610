# Mutant: ignore_index=50256 (eos) added: those targets are not scored.
"""Exercise 5.7 (solution): the cross-entropy loss of one batch."""

import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    """Return the mean cross-entropy loss (a 0-d tensor that can be backpropagated) of the"""
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)  # (batch, num_tokens, vocab_size)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten(),
                                             ignore_index=50256)

EXPECTED_CAUSE = 'ignore_index=50256'  # named in the message
