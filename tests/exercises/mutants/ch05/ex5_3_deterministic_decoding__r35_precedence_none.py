# MUTANT: a conditional expression `A or B if top_k is not None else False` reads as
#   `(A or B) if ... else False`: temperature 0 with top_k=None is called random
EXPECTED_CAUSE = "for None your code never reaches the temperature test"


def is_deterministic(temperature, top_k):
    return temperature == 0.0 or top_k <= 1 if top_k is not None else False
