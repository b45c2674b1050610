# Mutant: the temperature is rounded before the test, so 0.3 counts as greedy.
EXPECTED_CAUSE = "True at temperature 0.3 of those"


def is_deterministic(temperature, top_k):
    return round(temperature) == 0 or top_k == 1
