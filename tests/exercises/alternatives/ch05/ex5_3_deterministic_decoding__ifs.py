# Correct: explicit if-chain, top_k compared with <= 1, bool() casts
def is_deterministic(temperature, top_k):
    if temperature == 0:
        return True  # greedy: argmax, no draw
    if top_k is not None and top_k <= 1:
        return True  # one candidate left: multinomial has no choice
    return False
