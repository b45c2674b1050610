# MUTANT: top_k=2 at a temperature below 0.5 called deterministic (as if a sharp
# distribution over two tokens never picked the second)


def is_deterministic(temperature, top_k):
    return temperature == 0 or top_k == 1 or (top_k == 2 and temperature < 0.5)


EXPECTED_CAUSE = "a low temperature makes the second rarer"
