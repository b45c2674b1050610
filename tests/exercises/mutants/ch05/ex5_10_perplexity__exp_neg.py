# Mutant: exp(-loss): the mean target probability (geometric) instead of perplexity.
"""Exercise 5.10 (solution): perplexity."""

import torch


def perplexity(logits, targets):
    """Return the perplexity of next-token predictions as a Python float."""
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    return torch.exp(-loss).item()

EXPECTED_CAUSE = 'exp(-loss)'  # named in the message
