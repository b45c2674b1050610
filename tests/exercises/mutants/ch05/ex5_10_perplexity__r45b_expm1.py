# MUTANT: torch.expm1 used for exp (thought more precise): the result is perplexity - 1
"""Exercise 5.10 (solution): perplexity.

This exercise is ours; the book has no exercise on it.
"""

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
    return torch.expm1(loss).item()

EXPECTED_CAUSE = "torch.expm1"  # named in the message
