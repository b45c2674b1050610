# Alternative: math.isclose(temperature, 0.0) (abs_tol 0: only 0 itself).
import math


def is_deterministic(temperature, top_k):
    return math.isclose(temperature, 0.0) or top_k == 1
