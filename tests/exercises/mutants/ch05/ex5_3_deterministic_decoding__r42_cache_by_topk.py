# MUTANT: answers cached by top_k alone, so a later call with another temperature gets the first
# answer for that top_k (state kept between calls)
_answers = {}


def is_deterministic(temperature, top_k):
    if top_k not in _answers:
        _answers[top_k] = temperature == 0.0 or top_k == 1
    return _answers[top_k]

EXPECTED_CAUSE = "keeps state between calls"
