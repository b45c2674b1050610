# Mutant: temperatures below a small cut-off (1e-3) called deterministic.
def is_deterministic(temperature, top_k):
    return temperature < 1e-3 or top_k == 1


EXPECTED_CAUSE = "it still samples"  # named in the message
