# MUTANT: NumPy arrays preallocated with a window count (len(ids) - max_length - 1) // stride + 1,
# which goes below 0 when the ids are fewer than max_length (np.zeros of a negative size)
import numpy as np
import torch

EXPECTED_CAUSE = "clamp the count at 0"


def sliding_windows(token_ids, max_length, stride):
    n = (len(token_ids) - max_length - 1) // stride + 1
    x = np.zeros((n, max_length), dtype=np.int64)
    y = np.zeros((n, max_length), dtype=np.int64)
    for k in range(n):
        x[k] = token_ids[k * stride:k * stride + max_length]
        y[k] = token_ids[k * stride + 1:k * stride + max_length + 1]
    return torch.from_numpy(x), torch.from_numpy(y)
