# MUTANT: returns a numpy bool array, not a torch tensor
import numpy as np


def sliding_window_mask(num_tokens, window):
    q = np.arange(num_tokens)[:, None]
    k = np.arange(num_tokens)[None, :]
    return (k > q) | (k <= q - window)


EXPECTED_CAUSE = "is a ndarray, expected a tensor"
