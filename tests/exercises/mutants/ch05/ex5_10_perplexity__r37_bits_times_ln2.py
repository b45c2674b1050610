# MUTANT: nats turned into bits by multiplying by ln 2: 2 ** (loss * ln 2)
"""Exercise 5.10 (mutant): perplexity.

This exercise is ours; the book has no exercise on it.
"""

import math

import torch


def perplexity(logits, targets):
    """Return the perplexity of next-token predictions as a Python float.

    ``logits`` has shape ``(batch, num_tokens, vocab_size)`` and ``targets`` ``(batch,
    num_tokens)``. Perplexity is ``exp`` of the mean cross-entropy per token (in nats): the
    number of tokens the model is, on average, as unsure about as if it picked uniformly
    among them.

    Example: logits that are the same for every token give a perplexity equal to the
    vocabulary size (50,257 for GPT-2); the book's untrained model has a loss of 10.79 on its
    two example sentences, a perplexity of about 48,725.
    """
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    return (2 ** (loss * math.log(2))).item()

EXPECTED_CAUSE = 'MULTIPLIED by ln 2'
