# MUTANT: ids made a NumPy array with np.array(token_ids): an empty list gives a float64
# array, so no ids at all give float64 windows
import numpy as np
import torch


def sliding_windows(token_ids, max_length, stride):
    ids = np.array(token_ids)
    starts = np.arange(0, len(ids) - max_length, stride)
    idx = starts[:, None] + np.arange(max_length)[None, :]
    return torch.from_numpy(ids[idx]), torch.from_numpy(ids[idx + 1])


EXPECTED_CAUSE = "np.array(token_ids) of an empty list is a float64 array"
