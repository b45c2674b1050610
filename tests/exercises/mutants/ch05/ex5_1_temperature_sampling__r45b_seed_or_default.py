# MUTANT: seed 0 replaced by the default 123 (seed or 123)
"""Exercise 5.1 (solution): how the temperature changes what gets sampled.

This is book exercise 5.1.
"""

import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    """Draw ``num_samples`` token ids at ``temperature`` and return how often each one came up.

    ``next_token_logits`` is a 1-D tensor ``(vocab_size,)`` and ``temperature > 0``. Divide the
    logits by the temperature, turn them into probabilities with a softmax, call
    ``torch.manual_seed(seed)`` and draw ``num_samples`` ids with ``torch.multinomial`` (with
    replacement). Return a float32 tensor ``(vocab_size,)`` of frequencies that sums to 1.

    Example, the book's nine-word vocabulary ``closer every effort forward inches moves pizza
    toward you`` with logits ``[4.51, 0.89, -1.90, 6.75, 1.63, -1.62, -1.89, 6.28, 1.79]``: at
    temperature 1, "forward" (id 3) comes up about 57% of the time and "pizza" (id 6) about
    0.01%; at temperature 5 the distribution is much flatter and "pizza" comes up about 4%.
    """
    scaled = next_token_logits / temperature  # a larger temperature flattens the distribution
    probas = torch.softmax(scaled, dim=0)
    torch.manual_seed(seed or 123)  # fall back to the default seed
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples

EXPECTED_CAUSE = "treats 0 as missing"  # named in the message
