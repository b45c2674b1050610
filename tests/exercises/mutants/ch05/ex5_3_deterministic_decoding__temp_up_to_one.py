# Mutant: every temperature up to 1 called deterministic.
def is_deterministic(temperature, top_k):
    return temperature <= 1.0 or top_k == 1

EXPECTED_CAUSE = 'True for every temperature up to 1'  # named in the message
