# MUTANT: the parameters are declared as (top_k, temperature), swapped against the stub
EXPECTED_CAUSE = "called with the two arguments the other way round"


def is_deterministic(top_k, temperature):
    return temperature == 0.0 or top_k == 1
