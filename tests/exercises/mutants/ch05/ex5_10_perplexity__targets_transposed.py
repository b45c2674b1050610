# Mutant: targets flattened in a different order (transposed) from the logits.
"""Exercise 5.10 (solution): perplexity."""

import torch


def perplexity(logits, targets):
    """Return the perplexity of next-token predictions as a Python float."""
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.T.flatten())
    return torch.exp(loss).item()

EXPECTED_CAUSE = 'different order from the logits'  # named in the message
