"""Right: one sliding_window_view of max_length + 1 ids, every stride-th row, cut into
inputs (all but the last id) and targets (all but the first)."""
import numpy as np
import torch


def sliding_windows(token_ids, max_length, stride):
    ids = np.asarray(token_ids, dtype=np.int64)
    if len(ids) < max_length + 1:
        empty = torch.empty((0, max_length), dtype=torch.long)
        return empty, empty.clone()
    rows = np.lib.stride_tricks.sliding_window_view(ids, max_length + 1)[::stride].copy()
    rows = torch.from_numpy(rows)
    return rows[:, :-1].clone(), rows[:, 1:].clone()
