# Correct: written as "not random": random only when it samples among more than one token
def is_deterministic(temperature: float, top_k) -> bool:
    samples = temperature > 0
    several_candidates = top_k is None or top_k > 1
    return not (samples and several_candidates)
