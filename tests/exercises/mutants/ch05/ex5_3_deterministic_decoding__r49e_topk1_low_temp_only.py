# MUTANT: top_k=1 called deterministic only up to temperature 1 (a high temperature thought
# to bring back randomness, though a single token is left).

EXPECTED_CAUSE = "top_k=1 leaves a single token even at a high temperature"


def is_deterministic(temperature, top_k):
    if temperature == 0.0:
        return True
    return top_k == 1 and temperature <= 1.0
