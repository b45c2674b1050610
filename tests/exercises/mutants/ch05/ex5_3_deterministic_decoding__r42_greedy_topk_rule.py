# MUTANT: temperature 0 called deterministic only without top_k or with top_k <= 3 (a made-up
# rule); no replay matches: the fallback lists the settings that differ
def is_deterministic(temperature, top_k):
    if temperature == 0.0:
        return top_k is None or top_k <= 3
    return top_k == 1

EXPECTED_CAUSE = "yours differs on 1: (0.0, 5) -> False"
