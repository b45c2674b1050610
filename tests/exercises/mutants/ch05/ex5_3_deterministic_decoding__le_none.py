# Mutant: top_k <= 1 compared without a None test (TypeError for top_k=None)
def is_deterministic(temperature, top_k):
    # Greedy decoding never samples; top-k with k = 1 leaves a single candidate to sample.
    return temperature <= 0 or top_k <= 1


EXPECTED_CAUSE = 'compared with a number'
