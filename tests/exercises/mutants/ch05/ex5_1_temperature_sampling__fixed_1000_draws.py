# Mutant: num_samples ignored: always 1000 draws.
"""Exercise 5.1 (solution): how the temperature changes what gets sampled."""

import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    """Draw ``num_samples`` token ids at ``temperature`` and return how often each one came up."""
    scaled = next_token_logits / temperature  # a larger temperature flattens the distribution
    probas = torch.softmax(scaled, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=1000, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples

EXPECTED_CAUSE = 'draws were counted'  # named in the message
