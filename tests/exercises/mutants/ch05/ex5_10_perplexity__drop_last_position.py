# Mutant: off-by-one: the last position dropped, thought to have no target.
"""Exercise 5.10 (solution): perplexity."""

import torch


def perplexity(logits, targets):
    """Return the perplexity of next-token predictions as a Python float."""
    logits, targets = logits[:, :-1], targets[:, :-1]
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    return torch.exp(loss).item()

EXPECTED_CAUSE = 'last position was dropped'  # named in the message
