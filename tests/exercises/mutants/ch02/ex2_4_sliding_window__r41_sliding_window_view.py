# MUTANT: numpy sliding_window_view, which raises on ids too short for one window
import numpy as np
import torch


def sliding_windows(token_ids, max_length, stride):
    w = np.lib.stride_tricks.sliding_window_view(np.asarray(token_ids, dtype=np.int64),
                                                 max_length + 1)[::stride]
    w = torch.from_numpy(w.copy())
    return w[:, :-1], w[:, 1:]

EXPECTED_CAUSE = "sliding_window_view needs at least"
