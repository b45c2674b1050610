# Correct: numpy sliding_window_view over ids[:-1] and ids[1:], every stride-th row
import numpy as np
import torch


def sliding_windows(token_ids, max_length, stride):
    ids = np.asarray(list(token_ids), dtype=np.int64)
    if len(ids) <= max_length:
        empty = torch.empty(0, max_length, dtype=torch.long)
        return empty, empty.clone()
    view = np.lib.stride_tricks.sliding_window_view
    inputs = view(ids[:-1], max_length)[::stride]
    targets = view(ids[1:], max_length)[::stride]
    return torch.from_numpy(inputs.copy()), torch.from_numpy(targets.copy())
