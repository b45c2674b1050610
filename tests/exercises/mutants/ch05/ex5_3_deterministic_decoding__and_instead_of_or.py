# Mutant: and instead of or: needs both greedy and top_k=1.
def is_deterministic(temperature, top_k):
    return temperature == 0.0 and top_k == 1

EXPECTED_CAUSE = 'join them with `or`, not `and`'
