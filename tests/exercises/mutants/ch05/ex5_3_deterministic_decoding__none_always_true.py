# Mutant: top_k=None read as deterministic at any temperature.
def is_deterministic(temperature, top_k):
    return temperature == 0 or top_k in (None, 1)

EXPECTED_CAUSE = 'True for top_k=None at every temperature'  # named in the message
