# MUTANT: the parameters renamed (temp, k): right by position, a TypeError by name.


def is_deterministic(temp, k):
    return temp == 0.0 or k == 1


EXPECTED_CAUSE = "keep the parameter names of the docstring"
