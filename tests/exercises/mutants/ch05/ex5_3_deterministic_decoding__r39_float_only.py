# MUTANT: the temperature is tested with isinstance(float), so an int temperature 0 is called random
"""Exercise 5.3 (solution): which decoding settings make generation deterministic?

This is book exercise 5.3.
"""


def is_deterministic(temperature, top_k):
    """Return True when ``generate(..., temperature=temperature, top_k=top_k)`` always gives the
    same text for the same prompt and model, whatever the random seed; False otherwise.

    ``temperature`` is a float >= 0 and ``top_k`` an int >= 1 or None, with the meaning they
    have in ``llmscratch.generate``. Think about when ``torch.multinomial`` is called at all,
    and when it has only one token left to choose from. Leave exact ties aside: a top-k filter
    keeps every logit tied with the k-th largest, but a trained model's largest logits
    practically never tie exactly.

    Example: ``is_deterministic(1.0, None)`` is False: with temperature 1 the next token is
    drawn at random from the whole vocabulary. You can test your answer: generate twice with
    different seeds and compare.
    """
    # Greedy decoding never samples; top-k with k = 1 leaves a single candidate to sample.
    return (isinstance(temperature, float) and temperature == 0.0) or top_k == 1

EXPECTED_CAUSE = "your code tells the types apart"
