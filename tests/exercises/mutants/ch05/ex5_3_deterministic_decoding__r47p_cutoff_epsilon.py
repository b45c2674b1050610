# MUTANT: temperatures below machine epsilon called deterministic (a cut-off at
# sys.float_info.epsilon, 2.2e-16: 1e-12 is above it, but any temperature > 0 still samples)
import sys


def is_deterministic(temperature, top_k):
    return temperature < sys.float_info.epsilon or top_k == 1


EXPECTED_CAUSE = "a cut-off (temperature < some small number)"
