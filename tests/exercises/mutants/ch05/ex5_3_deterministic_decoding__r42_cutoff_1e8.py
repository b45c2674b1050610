# MUTANT: temperatures below 1e-8 called deterministic (a cut-off; they still sample)
def is_deterministic(temperature, top_k):
    return temperature < 1e-8 or top_k == 1

EXPECTED_CAUSE = "a cut-off (temperature < some small number)"
