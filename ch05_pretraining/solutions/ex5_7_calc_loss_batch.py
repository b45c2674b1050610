"""Exercise 5.7 (solution): the cross-entropy loss of one batch.

This exercise is ours; the book has no exercise on it.
"""

import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    """Return the mean cross-entropy loss (a 0-d tensor that can be backpropagated, in the
    logits' own dtype: no cast to float64) of the model's next-token predictions for one batch.

    ``input_batch`` and ``target_batch`` are token ids of shape ``(batch, num_tokens)``, already on
    any device (contiguous, as a DataLoader stacks them): move both to ``device``. The model gives
    logits ``(batch, num_tokens, vocab_size)``; ``torch.nn.functional.cross_entropy`` wants ``(N,
    vocab_size)`` logits and ``(N,)`` targets, so flatten the batch and token dimensions of both
    (in the same order). The targets are already the inputs shifted by one position: do not shift
    them again.

    Example: a model that gives every token the same logit has loss ``ln(vocab_size)``, 10.82
    for GPT-2's 50,257 tokens; an untrained GPT-2 124M gives about 10.99 on the-verdict.
    """
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)  # (batch, num_tokens, vocab_size)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
