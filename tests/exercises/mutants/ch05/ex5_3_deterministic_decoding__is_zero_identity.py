# Mutant: `is` instead of == (0.0 is not the int 0 object, so greedy is missed for floats).
ZERO = 0


def is_deterministic(temperature, top_k):
    return temperature is ZERO or top_k == 1


EXPECTED_CAUSE = "not `is`"
